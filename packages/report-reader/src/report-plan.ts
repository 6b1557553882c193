import type { Database } from '@store-monitor/db';
import type { ClientBase } from 'pg';
import { latestPoll } from './database-report';
import { RANGE_STARTS_SQL } from './report-query';
import { inSnapshot } from './report-snapshot';
import { rangesFromStarts, type StoreRange } from './store-ranges';

/** What a report shared between workers needs before its chunks start: its now and its ranges. */
export interface ReportPlan {
  /** The report's now in ms since the epoch; undefined when there are no polls at all. */
  now: number | undefined;
  /** Consecutive, the first and last open-ended: every store, even one created later, is in one. */
  ranges: StoreRange[];
  /** The state of the data the plan was made from. */
  dataVersion: number;
}

/** Resolves a report's now (the latest poll unless given) and splits the stores into ranges. */
export async function planReport(db: Database, chunkStores: number, asOf?: number): Promise<ReportPlan> {
  if (!Number.isInteger(chunkStores) || chunkStores < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${chunkStores}`);
  return inSnapshot(db, async ({ client, dataVersion }) => {
    const now = asOf ?? (await latestPoll(client));
    return { now, ranges: rangesFromStarts(await rangeStarts(client, chunkStores)), dataVersion };
  });
}

async function rangeStarts(client: ClientBase, chunkStores: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(RANGE_STARTS_SQL, [chunkStores]);
  return rows.map((row) => row.id);
}
