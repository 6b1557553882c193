import type { Database } from '@store-monitor/db';
import type { PoolClient } from 'pg';
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

  async read(storeId: string, nowUs: number): Promise<{ micros: number[]; active: boolean[] }> {
    const { rows } = await (await this.connection()).query<{ us: string; active: boolean }>(STORE_HISTORY_SQL, [
      storeId,
      String(nowUs),
    ]);
    return { micros: rows.map((r) => Number(r.us)), active: rows.map((r) => r.active) };
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
