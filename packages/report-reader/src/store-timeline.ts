import { microsFromMs, type Database } from '@store-monitor/db';
import { explainStore, WINDOW_MS, type Policy, type StoreTimeline } from '@store-monitor/engine';
import type { ClientBase, PoolClient } from 'pg';
import { completeStore, EVIDENCE_BEFORE_WINDOW, latestPoll } from './database-report';
import { readStoreHistory } from './history-reader';
import { windowPollsSql } from './report-query';
import { loadSchedules } from './store-schedules';
import { storesFromCopy, type StoreChunk } from './store-polls-stream';

export interface StoreTimelineOptions {
  policy: Policy;
  /** The timeline's now in ms since the epoch; the latest poll over all stores when absent, as a report's. */
  asOf?: number;
  /** Business time with evidence further away than this is unknown. */
  maxGapMs?: number;
}

/**
 * One store's explained timeline from PostgreSQL: the same polls, hours and special days that
 * `reportFromDatabase` gives the engine for this store (so its row is that report's row), read for
 * this store alone. Null for an unknown store or one with no poll at or before now.
 *
 * A short query, so it runs on the kept pool (see Database), not on a session connection: an API
 * answering timelines must not hold the connections its uploads and reports are sized for. One
 * read-only REPEATABLE READ transaction makes now, the schedules and the polls one state of the data.
 */
export async function storeTimelineFromDatabase(
  db: Database,
  storeId: string,
  options: StoreTimelineOptions,
): Promise<StoreTimeline | null> {
  // PostgreSQL text cannot hold NUL, so no stored id has one (and the query would fail on it).
  if (storeId.includes('\0')) return null;
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const timeline = await timelineOn(client, storeId, options);
    await client.query('COMMIT');
    client.release();
    return timeline;
  } catch (error) {
    // Whatever state a failure left the connection in (mid-COPY, say), it is not kept.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

async function timelineOn(client: PoolClient, storeId: string, options: StoreTimelineOptions) {
  const { policy, maxGapMs } = options;
  const now = options.asOf ?? (await latestPoll(client));
  if (now === undefined) return null;
  const nowUs = microsFromMs(now);
  const fromUs = microsFromMs(now - WINDOW_MS.week);
  const chunk = await windowPolls(client, storeId, fromUs, nowUs);
  if (chunk === undefined) return null;
  const { hours, specialHours } = await loadSchedules(client, { id: storeId });
  const schedule = { hours: hours.get(storeId) ?? [], specialHours: specialHours.get(storeId) ?? [] };
  // Its whole history, when needed, on the same connection: nothing streams on it by then.
  const history = { read: (id: string, us: number) => readStoreHistory(client, id, us) };
  const store = await completeStore(chunk, schedule, fromUs, nowUs, policy, history);
  return explainStore(store, now, policy, maxGapMs);
}

/** The store's polls the report reads (the week window and the evidence before it); none: undefined. */
async function windowPolls(
  client: ClientBase,
  storeId: string,
  fromUs: number,
  nowUs: number,
): Promise<StoreChunk | undefined> {
  let found: StoreChunk | undefined;
  // Read to the end (one store: one chunk at most), so the COPY is over before the next query.
  for await (const chunk of storesFromCopy(
    client,
    windowPollsSql(fromUs, nowUs, EVIDENCE_BEFORE_WINDOW, { id: storeId }),
  )) {
    found = chunk;
  }
  return found;
}
