import type { Database } from '@store-monitor/db';
import type { PoolClient } from 'pg';
import { HistoryReader } from './history-reader';
import { SNAPSHOT_SQL } from './report-query';

/**
 * One state of the data, held open: a REPEATABLE READ transaction on a session connection (see
 * Database; and, when needed, a second one sharing its snapshot). Whatever is read through it
 * reflects the same loads, `dataVersion` of them, however many land meanwhile.
 */
export class ReportSnapshot {
  private constructor(
    readonly client: PoolClient,
    readonly history: HistoryReader,
    readonly dataVersion: number,
  ) {}

  static async open(db: Database): Promise<ReportSnapshot> {
    const client = await db.sessions.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The window query's estimated cost (one index scan per store, overestimated) is far above
      // jit_above_cost, and compiled it runs slower: on 2.2M polls, in psql, 1.35-1.9 s with JIT
      // against 1.2 s without (and 2.1 s against 1.25 s for its former one-row-a-poll shape).
      await client.query('SET LOCAL jit = off');
      const { rows } = await client.query<{ version: number; snapshot: string }>(SNAPSHOT_SQL);
      return new ReportSnapshot(client, new HistoryReader(db, rows[0].snapshot), rows[0].version);
    } catch (error) {
      client.release();
      throw error;
    }
  }

  /** Closes both connections, which ends the transaction. */
  close(): void {
    this.history.close();
    this.client.release();
  }
}

/** `work` inside a snapshot of its own, closed whatever happens. */
export async function inSnapshot<T>(db: Database, work: (snapshot: ReportSnapshot) => Promise<T>): Promise<T> {
  const snapshot = await ReportSnapshot.open(db);
  try {
    return await work(snapshot);
  } finally {
    snapshot.close();
  }
}
