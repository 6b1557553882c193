import { Client } from 'pg';
import { HistoryReader } from './history-reader';
import { SNAPSHOT_SQL } from './report-query';

/**
 * One state of the data, held open: a REPEATABLE READ transaction (and, when needed, a second
 * connection sharing its snapshot). Whatever is read through it reflects the same loads,
 * `dataVersion` of them, however many land meanwhile.
 */
export class ReportSnapshot {
  private constructor(
    readonly client: Client,
    readonly history: HistoryReader,
    readonly dataVersion: number,
  ) {}

  static async open(databaseUrl: string): Promise<ReportSnapshot> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const { rows } = await client.query<{ version: number; snapshot: string }>(SNAPSHOT_SQL);
      return new ReportSnapshot(client, new HistoryReader(databaseUrl, rows[0].snapshot), rows[0].version);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    try {
      await this.history.close();
    } finally {
      await this.client.end();
    }
  }
}

/** `work` inside a snapshot of its own, closed whatever happens. */
export async function inSnapshot<T>(databaseUrl: string, work: (snapshot: ReportSnapshot) => Promise<T>): Promise<T> {
  const snapshot = await ReportSnapshot.open(databaseUrl);
  try {
    return await work(snapshot);
  } finally {
    await snapshot.close();
  }
}
