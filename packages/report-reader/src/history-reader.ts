import type { Database } from '@store-monitor/db';
import type { PoolClient } from 'pg';
import { STORE_HISTORY_SQL } from './report-query';

/**
 * Reads a store's whole history on a second connection of the pool (the first is busy streaming),
 * inside the first one's exported snapshot, so both read the same state of the data.
 */
export class HistoryReader {
  private client: PoolClient | undefined;

  constructor(
    private readonly db: Database,
    private readonly snapshotId: string,
  ) {}

  async read(storeId: string, nowUs: number): Promise<{ micros: number[]; active: boolean[] }> {
    const { rows } = await (await this.connection()).query<{ us: string; active: boolean }>(STORE_HISTORY_SQL, [storeId, String(nowUs)]);
    return { micros: rows.map((r) => Number(r.us)), active: rows.map((r) => r.active) };
  }

  /** Gives the connection back, its read-only transaction ended; `failed` destroys it instead. */
  async close(failed = false): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await endReadOnly(client, failed);
  }

  private async connection(): Promise<PoolClient> {
    if (this.client) return this.client;
    const client = await this.db.pool.connect();
    this.client = client;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The id comes from pg_export_snapshot: hex digits and dashes only, safe to quote.
    await client.query(`SET TRANSACTION SNAPSHOT '${this.snapshotId}'`);
    return client;
  }
}

/**
 * Ends a read-only transaction and gives its connection back to the pool. A connection that
 * failed (it may be in the middle of a COPY, whose ROLLBACK would wait behind it) is destroyed.
 */
export async function endReadOnly(client: PoolClient, failed: boolean): Promise<void> {
  if (failed) return client.release(true);
  try {
    await client.query('ROLLBACK');
    client.release();
  } catch (error) {
    client.release(true);
    throw error;
  }
}
