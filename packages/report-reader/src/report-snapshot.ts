import type { Database } from '@store-monitor/db';
import type { PoolClient } from 'pg';
import { endReadOnly, HistoryReader } from './history-reader';
import { SNAPSHOT_SQL } from './report-query';

/**
 * One state of the data, held open: a REPEATABLE READ transaction on a connection of the pool
 * (and, when needed, a second connection sharing its snapshot). Whatever is read through it
 * reflects the same loads, `dataVersion` of them, however many land meanwhile.
 */
export class ReportSnapshot {
  private constructor(
    readonly client: PoolClient,
    readonly history: HistoryReader,
    readonly dataVersion: number,
  ) {}

  static async open(db: Database): Promise<ReportSnapshot> {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<{ version: number; snapshot: string }>(SNAPSHOT_SQL);
      return new ReportSnapshot(client, new HistoryReader(db, rows[0].snapshot), rows[0].version);
    } catch (error) {
      client.release(true);
      throw error;
    }
  }

  /** Gives both connections back; after a failure (`failed`) they are destroyed instead. */
  async close(failed = false): Promise<void> {
    try {
      await this.history.close(failed);
    } finally {
      await endReadOnly(this.client, failed);
    }
  }
}

/** `work` inside a snapshot of its own, closed whatever happens. */
export async function inSnapshot<T>(db: Database, work: (snapshot: ReportSnapshot) => Promise<T>): Promise<T> {
  const snapshot = await ReportSnapshot.open(db);
  let result: T;
  try {
    result = await work(snapshot);
  } catch (error) {
    await snapshot.close(true);
    throw error;
  }
  await snapshot.close();
  return result;
}
