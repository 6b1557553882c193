import {
  BusinessCalendar,
  DEFAULT_TIME_ZONE,
  WINDOW_MS,
  computeStore,
  toReportRow,
  zoneClock,
  type HoursRow,
  type Policy,
  type ReportRow,
  type StoreInput,
} from '@store-monitor/engine';
import { microsFromMs, msFromMicros, type Database } from '@store-monitor/db';
import type { ClientBase } from 'pg';
import type { HistoryReader } from './history-reader';
import { LATEST_POLL_SQL, hoursSql, storeCountSql, windowPollsSql, type StoreRange } from './report-query';
import { inSnapshot, type ReportSnapshot } from './report-snapshot';
import { storesFromCopy, type StoreChunk } from './store-polls-stream';

/**
 * Polls read before the week window for each store: enough that one inside business hours is
 * almost always among them (about two days of hourly polls); needsFullHistory covers the rest.
 */
const EVIDENCE_BEFORE_WINDOW = 48;

export interface DatabaseReport {
  now: number | undefined;
  rows: ReportRow[];
  /** The state of the data every row was read from (see ReportSnapshot). */
  dataVersion: number;
}

export interface DatabaseReportOptions {
  policy: Policy;
  /** The report's now in ms since the epoch; the latest poll when absent. */
  asOf?: number;
  /** Only these stores (a chunk of a report shared between workers); every store when absent. */
  stores?: StoreRange;
}

/**
 * The report from PostgreSQL: the same engine as the file report, fed store by store with the
 * polls the contract needs (the week window and the evidence before it), so memory holds one
 * store's polls at a time. All of it is read from one state of the data.
 */
export async function reportFromDatabase(
  db: Database,
  options: DatabaseReportOptions,
  onProgress?: (storesDone: number, storesTotal: number) => void,
): Promise<DatabaseReport> {
  return inSnapshot(db, (snapshot) => reportInSnapshot(snapshot, options, onProgress));
}

/** The report (or one range of it) as `snapshot` holds the data. */
export async function reportInSnapshot(
  snapshot: ReportSnapshot,
  options: DatabaseReportOptions,
  onProgress?: (storesDone: number, storesTotal: number) => void,
): Promise<DatabaseReport> {
  const { client, history, dataVersion } = snapshot;
  const now = options.asOf ?? (await latestPoll(client));
  if (now === undefined) return { now, rows: [], dataVersion };
  const hours = await loadHours(client, options.stores);
  const nowUs = microsFromMs(now);
  const fromUs = microsFromMs(now - WINDOW_MS.week);
  const rows: ReportRow[] = [];
  const total = onProgress ? (await client.query<{ n: number }>(storeCountSql(options.stores))).rows[0].n : 0;
  let done = 0;
  for await (const chunk of storesFromCopy(
    client,
    windowPollsSql(fromUs, nowUs, EVIDENCE_BEFORE_WINDOW, options.stores),
  )) {
    const store = await completeStore(chunk, hours.get(chunk.storeId) ?? [], fromUs, nowUs, options.policy, history);
    const durations = computeStore(store, now, options.policy);
    if (durations) rows.push(toReportRow(durations));
    onProgress?.(++done, total);
  }
  return { now, rows, dataVersion };
}

async function completeStore(
  chunk: StoreChunk,
  hours: HoursRow[],
  fromUs: number,
  nowUs: number,
  policy: Policy,
  history: HistoryReader,
): Promise<StoreInput> {
  let { micros, active } = chunk;
  if (needsFullHistory(chunk, hours, fromUs, policy)) ({ micros, active } = await history.read(chunk.storeId, nowUs));
  return {
    storeId: chunk.storeId,
    timeZone: chunk.timeZone,
    hours,
    polls: { at: Float64Array.from(micros, msFromMicros), active: Uint8Array.from(active, Number) },
  };
}

/**
 * The nearest policy's evidence before the window is the latest poll inside business hours (or,
 * if the store has none at all, any poll). When every poll read before the window is outside
 * business hours and there may be older ones, the store's whole history is needed.
 */
function needsFullHistory(chunk: StoreChunk, hours: HoursRow[], fromUs: number, policy: Policy): boolean {
  if (policy !== 'nearest' || hours.length === 0) return false;
  const before = chunk.micros.filter((us) => us < fromUs);
  if (before.length < EVIDENCE_BEFORE_WINDOW) return false;
  const calendar = new BusinessCalendar(hours, zoneClock(chunk.timeZone ?? DEFAULT_TIME_ZONE));
  return !before.some((us) => calendar.isOpenAt(msFromMicros(us)));
}

export async function latestPoll(client: ClientBase): Promise<number | undefined> {
  const { rows } = await client.query<{ us: string | null }>(LATEST_POLL_SQL);
  return rows[0].us === null ? undefined : msFromMicros(Number(rows[0].us));
}

async function loadHours(client: ClientBase, stores: StoreRange | undefined): Promise<Map<string, HoursRow[]>> {
  const { rows } = await client.query<{ store_id: string; day: number; start_ms: number; end_ms: number }>(
    hoursSql(stores),
  );
  const hours = new Map<string, HoursRow[]>();
  for (const r of rows) {
    const row: HoursRow = { storeId: r.store_id, day: r.day, startMs: r.start_ms, endMs: r.end_ms };
    const list = hours.get(r.store_id);
    if (list) list.push(row);
    else hours.set(r.store_id, [row]);
  }
  return hours;
}
