/**
 * A slow, independent reference for the contract's numbers. It imports only types from the engine.
 *
 * It measures by sampling the centre of every 30-second cell of the week window. That is EXACT as
 * long as every boundary (poll instants, status switch points, business-hour edges, window edges)
 * lies on a 30 s multiple: polls, hours and `now` at whole minutes make midpoints land on 30 s, and
 * the zones used shift by whole minutes. `assertGrid` refuses data for which this would not hold.
 */
import type { Policy, StoreDurations, StoreInput } from '../../src/types';
import { businessIntervals, businessTest, type Interval } from './business-intervals';
import { DAY, HOUR, MINUTE } from './zone-brute';

export const CELL = 30_000;
const WEEK = 168 * HOUR;
const DEFAULT_ZONE = 'America/Chicago';

export interface Sampled extends StoreDurations {
  /** Business time in each window, whatever the status. */
  businessHourMs: number;
  businessDayMs: number;
  businessWeekMs: number;
}

interface Poll {
  at: number;
  active: boolean;
}

/** Polls at or before now, one per instant (the later array element wins), in time order. */
export function pollsUpTo(store: StoreInput, now: number): Poll[] {
  const byInstant = new Map<number, boolean>();
  for (let i = 0; i < store.polls.at.length; i++) byInstant.set(store.polls.at[i], Boolean(store.polls.active[i]));
  return [...byInstant]
    .filter(([at]) => at <= now)
    .map(([at, active]) => ({ at, active }))
    .sort((a, b) => a.at - b.at);
}

function assertGrid(store: StoreInput, now: number, intervals: readonly Interval[]): void {
  const onGrid = (ms: number, step: number) => ms % step === 0;
  const ok =
    onGrid(now, MINUTE) &&
    Array.from(store.polls.at).every((at) => onGrid(at, MINUTE)) &&
    store.hours.every((h) => onGrid(h.startMs, MINUTE) && onGrid(h.endMs, MINUTE)) &&
    intervals.every(([s, e]) => onGrid(s, CELL) && onGrid(e, CELL));
  if (!ok) throw new Error('reference sampler: data off the 30 s grid, sampling would not be exact');
}

/** Business intervals covering the polls and the week window (with slack for zone offsets and overnight rows). */
function intervalsFor(store: StoreInput, now: number, polls: Poll[]): Interval[] | 'always' {
  if (store.hours.length === 0) return 'always';
  const earliest = Math.min(now - WEEK, polls[0].at);
  const zone = store.timeZone ?? DEFAULT_ZONE;
  return businessIntervals(zone, store.hours, Math.floor(earliest / DAY) - 2, Math.floor(now / DAY) + 2);
}

/** nearest: the nearest evidence poll by linear scan. Never a tie at cell centres. */
function nearestStatus(evidence: Poll[]): (t: number) => boolean {
  return (t) => {
    let best = evidence[0];
    for (const p of evidence) if (Math.abs(p.at - t) < Math.abs(best.at - t)) best = p;
    return best.active;
  };
}

/** forward: the latest poll at or before t; before the first poll, the first poll. */
function forwardStatus(polls: Poll[]): (t: number) => boolean {
  return (t) => {
    let current = polls[0];
    for (const p of polls) if (p.at <= t) current = p;
    return current.active;
  };
}

export function sampleStore(store: StoreInput, now: number, policy: Policy): Sampled | null {
  const polls = pollsUpTo(store, now);
  if (polls.length === 0) return null;
  const intervals = intervalsFor(store, now, polls);
  if (intervals !== 'always') assertGrid(store, now, intervals);
  else assertGrid(store, now, []);
  const isBusiness = businessTest(intervals);
  const inHours = polls.filter((p) => isBusiness(p.at));
  const statusAt = policy === 'nearest' ? nearestStatus(inHours.length > 0 ? inHours : polls) : forwardStatus(polls);
  return sumCells(store.storeId, now, isBusiness, statusAt);
}

function sumCells(
  storeId: string,
  now: number,
  isBusiness: (t: number) => boolean,
  statusAt: (t: number) => boolean,
): Sampled {
  const r: Sampled = {
    storeId,
    uptimeHourMs: 0,
    uptimeDayMs: 0,
    uptimeWeekMs: 0,
    downtimeHourMs: 0,
    downtimeDayMs: 0,
    downtimeWeekMs: 0,
    businessHourMs: 0,
    businessDayMs: 0,
    businessWeekMs: 0,
  };
  for (let t = now - WEEK + CELL / 2; t < now; t += CELL) {
    if (!isBusiness(t)) continue;
    const active = statusAt(t);
    const inDay = t >= now - DAY;
    const inHour = t >= now - HOUR;
    r.businessWeekMs += CELL;
    if (inDay) r.businessDayMs += CELL;
    if (inHour) r.businessHourMs += CELL;
    if (active) {
      r.uptimeWeekMs += CELL;
      if (inDay) r.uptimeDayMs += CELL;
      if (inHour) r.uptimeHourMs += CELL;
    } else {
      r.downtimeWeekMs += CELL;
      if (inDay) r.downtimeDayMs += CELL;
      if (inHour) r.downtimeHourMs += CELL;
    }
  }
  return r;
}

/** Only the six duration fields, for comparison with the engine's StoreDurations. */
export function durationsOf(s: Sampled): StoreDurations {
  const { storeId, uptimeHourMs, uptimeDayMs, uptimeWeekMs, downtimeHourMs, downtimeDayMs, downtimeWeekMs } = s;
  return { storeId, uptimeHourMs, uptimeDayMs, uptimeWeekMs, downtimeHourMs, downtimeDayMs, downtimeWeekMs };
}
