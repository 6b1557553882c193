import { Client } from 'pg';

/**
 * Runs `work` in one transaction on its own connection: everything a file adds lands together or
 * not at all (a crash or kill midway leaves the database as it was before the file).
 */
export async function inTransaction<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Records the file in ingestion_runs, inside the same transaction. now() is the transaction's
 * start, which comes before the file is opened (every ingest reads inside inTransaction), so it
 * is the run's real start; clock_timestamp() is the time of this call, once all rows are written.
 */
export async function recordRun(
  client: Client,
  run: { source: string; kind: string; read: number; inserted: number; duplicates: number; rejected: number },
): Promise<void> {
  await client.query(
    `INSERT INTO ingestion_runs (source, kind, read, inserted, duplicates, rejected, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, now(), clock_timestamp())`,
    [run.source, run.kind, run.read, run.inserted, run.duplicates, run.rejected],
  );
}
