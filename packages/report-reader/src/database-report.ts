import {
  ArrayArena,
  BusinessCalendar,
  DEFAULT_TIME_ZONE,
  WINDOW_MS,
  computeStore,
  toReportRow,
  zoneClock,
  type HoursRow,
  type Policy,
  type ReportRow,
  type SpecialHoursRow,
  type StoreInput,
} from '@store-monitor/engine';
import { microsFromMs, msFromMicros, type Database } from '@store-monitor/db';
import type { ClientBase } from 'pg';
import type { HistoryReader } from './history-reader';
import { LATEST_POLL_SQL, storeCountSql, windowPollsSql, type StoreRange } from './report-query';
import { inSnapshot, type ReportSnapshot } from './report-snapshot';
import { loadSchedules } from './store-schedules';
import { storesFromCopy, type StoreChunk } from './store-polls-stream';

/**
 * Polls read before the week window for each store: enough that one inside business hours is
 * almost always among them (about two days of hourly polls); needsFullHistory covers the rest.
 */
export const EVIDENCE_BEFORE_WINDOW = 48;

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
  /** Business time with evidence further away than this is unknown (the rows gain its columns). */
  maxGapMs?: number;
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
  const { hours, specialHours } = await loadSchedules(client, options.stores);
  const nowUs = microsFromMs(now);
  const fromUs = microsFromMs(now - WINDOW_MS.week);
  const rows: ReportRow[] = [];
  const total = onProgress ? (await client.query<{ n: number }>(storeCountSql(options.stores))).rows[0].n : 0;
  let done = 0;
  // Each store's working arrays are dropped once its totals are out: one arena serves them all.
  const arrays = new ArrayArena();
  for await (const chunk of storesFromCopy(
    client,
    windowPollsSql(fromUs, nowUs, EVIDENCE_BEFORE_WINDOW, options.stores),
  )) {
    const schedule = { hours: hours.get(chunk.storeId) ?? [], specialHours: specialHours.get(chunk.storeId) ?? [] };
    const store = await completeStore(chunk, schedule, fromUs, nowUs, options.policy, history);
    arrays.reset();
    const durations = computeStore(store, now, options.policy, options.maxGapMs, arrays);
    if (durations) rows.push(toReportRow(durations));
    onProgress?.(++done, total);
  }
  return { now, rows, dataVersion };
}

/** One store's weekly hours and special days. */
export interface Schedule {
  hours: HoursRow[];
  specialHours: SpecialHoursRow[];
}

/**
 * The store as the engine takes it. A max gap needs no more history than the report without it:
 * `forward` judges the window by the latest poll before it (read), and only instants before a
 * store's first poll by that first poll, which then lies in the window or is read as evidence;
 * `nearest` judges by the same evidence polls either way, only their distance changes. A timeline
 * passes a reader on its own connection (it streams nothing meanwhile).
 */
export async function completeStore(
  chunk: StoreChunk,
  schedule: Schedule,
  fromUs: number,
  nowUs: number,
  policy: Policy,
  history: Pick<HistoryReader, 'read'>,
): Promise<StoreInput> {
  let { micros, active } = chunk;
  if (needsFullHistory(chunk, schedule, fromUs, policy))
    ({ micros, active } = await history.read(chunk.storeId, nowUs));
  return {
    storeId: chunk.storeId,
    timeZone: chunk.timeZone,
    hours: schedule.hours,
    specialHours: schedule.specialHours,
    polls: { at: millisOf(micros), active },
  };
}

/** Epoch milliseconds for each instant in whole microseconds (see msFromMicros). */
function millisOf(micros: Float64Array): Float64Array {
  const ms = new Float64Array(micros.length);
  for (let i = 0; i < micros.length; i++) ms[i] = msFromMicros(micros[i]);
  return ms;
}

/**
 * The nearest policy's evidence before the window is the latest poll inside business hours, special
 * days applied (or, if the store has none at all, any poll). When every poll read before the window
 * is outside business hours and there may be older ones, the store's whole history is needed. A
 * store open 24x7 with no special day is open at every poll; one with special days may not be.
 */
function needsFullHistory(chunk: StoreChunk, schedule: Schedule, fromUs: number, policy: Policy): boolean {
  if (policy !== 'nearest' || (schedule.hours.length === 0 && schedule.specialHours.length === 0)) return false;
  // The polls before the window lead the store's polls, which are in time order.
  const { micros } = chunk;
  let before = 0;
  while (before < micros.length && micros[before] < fromUs) before++;
  if (before < EVIDENCE_BEFORE_WINDOW) return false;
  const clock = zoneClock(chunk.timeZone ?? DEFAULT_TIME_ZONE);
  const calendar = new BusinessCalendar(schedule.hours, clock, schedule.specialHours);
  for (let i = 0; i < before; i++) if (calendar.isOpenAt(msFromMicros(micros[i]))) return false;
  return true;
}

export async function latestPoll(client: ClientBase): Promise<number | undefined> {
  const { rows } = await client.query<{ us: string | null }>(LATEST_POLL_SQL);
  return rows[0].us === null ? undefined : msFromMicros(Number(rows[0].us));
}
