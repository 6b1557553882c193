import { Client } from 'pg';
import { latestPoll } from './database-report';
import { STORE_RANGES_SQL, type StoreRange } from './report-query';

/** What a report shared between workers needs before its chunks start: its now and its ranges. */
export interface ReportPlan {
  /** The report's now in ms since the epoch; undefined when there are no polls at all. */
  now: number | undefined;
  ranges: StoreRange[];
}

/** Resolves a report's now (the latest poll unless given) and splits the stores into ranges. */
export async function planReport(databaseUrl: string, chunkStores: number, asOf?: number): Promise<ReportPlan> {
  if (!Number.isInteger(chunkStores) || chunkStores < 1) throw new RangeError(`chunk size must be a positive integer, got ${chunkStores}`);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const now = asOf ?? (await latestPoll(client));
    const { rows } = await client.query<StoreRange>(STORE_RANGES_SQL, [chunkStores]);
    return { now, ranges: rows };
  } finally {
    await client.end();
  }
}
