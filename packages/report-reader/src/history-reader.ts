import type { Database } from '@store-monitor/db';
import type { ClientBase, PoolClient } from 'pg';
import { STORE_HISTORY_SQL } from './report-query';

/**
 * Reads a store's whole history on a second connection (the first is busy streaming),
 * inside the first one's exported snapshot, so both read the same state of the data.
 */
export class HistoryReader {
  private client: PoolClient | undefined;

  constructor(
    private readonly db: Database,
    private readonly snapshotId: string,
  ) {}

  async read(storeId: string, nowUs: number): Promise<StoreHistory> {
    return readStoreHistory(await this.connection(), storeId, nowUs);
  }

  /** Closes its connection (a session one: see Database), which ends its transaction. */
  close(): void {
    this.client?.release();
    this.client = undefined;
  }

  private async connection(): Promise<PoolClient> {
    if (this.client) return this.client;
    const client = await this.db.sessions.connect();
    this.client = client;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The id comes from pg_export_snapshot: hex digits and dashes only, safe to quote.
    await client.query(`SET TRANSACTION SNAPSHOT '${this.snapshotId}'`);
    return client;
  }
}

/** A store's polls up to now, whole microseconds in time order, and 1 (active) or 0 for each. */
export interface StoreHistory {
  micros: Float64Array;
  active: Uint8Array;
}

/** Every poll of one store at or before `nowUs`, read on `client` (whose transaction decides the data seen). */
export async function readStoreHistory(client: ClientBase, storeId: string, nowUs: number): Promise<StoreHistory> {
  const { rows } = await client.query<{ us: string; active: boolean }>(STORE_HISTORY_SQL, [storeId, String(nowUs)]);
  return {
    micros: Float64Array.from(rows, (r) => Number(r.us)),
    active: Uint8Array.from(rows, (r) => (r.active ? 1 : 0)),
  };
}
