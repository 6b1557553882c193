/**
 * A slow, independent reference for the contract's numbers. It imports only types from the engine.
 *
 * It measures by sampling the centre of every 30-second cell of the week window. That is EXACT as
 * long as every boundary (poll instants, status switch points, business-hour edges, window edges,
 * poll +- max_gap) lies on a 30 s multiple: polls, hours, special hours, max_gap and `now` at whole
 * minutes make midpoints land on 30 s, and the zones used shift by whole minutes. `assertGrid`
 * refuses data for which this would not hold. A cell centre is never exactly max_gap from a poll
 * (centres sit 15 s off the minute grid), so "exactly max_gap away is known" is a measure-zero
 * question here; the hand-made tests check its consequences (no unknown gap at 2 * max_gap).
 *
 * Extensions (contract section "Extensions: special days and unknown time"), read per instant:
 * special days replace the spans that start on their local date (business-intervals.ts); with a
 * max gap, an instant whose evidence is too far away is unknown, for each policy as the contract
 * words it (`nearestStatus`, `forwardStatus`).
 */
import type { Policy, StoreDurations, StoreInput } from '../../src/types';
import { businessIntervals, businessTest, type Interval } from './business-intervals';
import { DAY, HOUR, MINUTE } from './zone-brute';

export const CELL = 30_000;
const WEEK = 168 * HOUR;
const DEFAULT_ZONE = 'America/Chicago';

/** Up, down, or (only with a max gap) unknown. */
type Status = 'up' | 'down' | 'unknown';

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

function assertGrid(store: StoreInput, now: number, intervals: readonly Interval[], maxGapMs?: number): void {
  const onGrid = (ms: number, step: number) => ms % step === 0;
  const ok =
    onGrid(now, MINUTE) &&
    Array.from(store.polls.at).every((at) => onGrid(at, MINUTE)) &&
    store.hours.every((h) => onGrid(h.startMs, MINUTE) && onGrid(h.endMs, MINUTE)) &&
    (store.specialHours ?? []).every((h) => onGrid(h.startMs ?? 0, MINUTE) && onGrid(h.endMs ?? 0, MINUTE)) &&
    (maxGapMs === undefined || (maxGapMs > 0 && onGrid(maxGapMs, MINUTE))) &&
    intervals.every(([s, e]) => onGrid(s, CELL) && onGrid(e, CELL));
  if (!ok) throw new Error('reference sampler: data off the 30 s grid, sampling would not be exact');
}

/**
 * Business intervals covering the polls and the week window (with slack for zone offsets and
 * overnight rows). 'always' only for a store with neither weekly rows nor special days.
 */
function intervalsFor(store: StoreInput, now: number, polls: Poll[]): Interval[] | 'always' {
  const special = store.specialHours ?? [];
  if (store.hours.length === 0 && special.length === 0) return 'always';
  const earliest = Math.min(now - WEEK, polls[0].at);
  const zone = store.timeZone ?? DEFAULT_ZONE;
  return businessIntervals(zone, store.hours, Math.floor(earliest / DAY) - 2, Math.floor(now / DAY) + 2, special);
}

const statusOf = (p: Poll): Status => (p.active ? 'up' : 'down');

/** Whether a distance to the evidence keeps an instant known: always without a max gap, else at most the gap. */
const withinGap = (distance: number, maxGapMs?: number): boolean => maxGapMs === undefined || distance <= maxGapMs;

/** nearest: the nearest evidence poll by linear scan. Never a tie at cell centres. */
function nearestStatus(evidence: Poll[], maxGapMs?: number): (t: number) => Status {
  return (t) => {
    let best = evidence[0];
    for (const p of evidence) if (Math.abs(p.at - t) < Math.abs(best.at - t)) best = p;
    return withinGap(Math.abs(best.at - t), maxGapMs) ? statusOf(best) : 'unknown';
  };
}

/**
 * forward: the latest poll at or before t, known when at most max_gap before t; before the first
 * poll, the first poll, known when at most max_gap after t.
 */
function forwardStatus(polls: Poll[], maxGapMs?: number): (t: number) => Status {
  return (t) => {
    let current: Poll | undefined;
    for (const p of polls) if (p.at <= t) current = p;
    if (current) return withinGap(t - current.at, maxGapMs) ? statusOf(current) : 'unknown';
    return withinGap(polls[0].at - t, maxGapMs) ? statusOf(polls[0]) : 'unknown';
  };
}

export function sampleStore(store: StoreInput, now: number, policy: Policy, maxGapMs?: number): Sampled | null {
  const polls = pollsUpTo(store, now);
  if (polls.length === 0) return null;
  const intervals = intervalsFor(store, now, polls);
  assertGrid(store, now, intervals === 'always' ? [] : intervals, maxGapMs);
  const isBusiness = businessTest(intervals);
  const inHours = polls.filter((p) => isBusiness(p.at));
  const statusAt =
    policy === 'nearest'
      ? nearestStatus(inHours.length > 0 ? inHours : polls, maxGapMs)
      : forwardStatus(polls, maxGapMs);
  const sampled = sumCells(store.storeId, now, isBusiness, statusAt);
  if (maxGapMs === undefined) {
    delete sampled.unknownHourMs;
    delete sampled.unknownDayMs;
    delete sampled.unknownWeekMs;
  }
  return sampled;
}

function sumCells(
  storeId: string,
  now: number,
  isBusiness: (t: number) => boolean,
  statusAt: (t: number) => Status,
): Sampled {
  const r: Required<Sampled> = {
    storeId,
    uptimeHourMs: 0,
    uptimeDayMs: 0,
    uptimeWeekMs: 0,
    downtimeHourMs: 0,
    downtimeDayMs: 0,
    downtimeWeekMs: 0,
    unknownHourMs: 0,
    unknownDayMs: 0,
    unknownWeekMs: 0,
    businessHourMs: 0,
    businessDayMs: 0,
    businessWeekMs: 0,
  };
  for (let t = now - WEEK + CELL / 2; t < now; t += CELL) {
    if (!isBusiness(t)) continue;
    const kind = FIELD_PREFIX[statusAt(t)];
    r.businessWeekMs += CELL;
    r[`${kind}WeekMs`] += CELL;
    if (t >= now - DAY) {
      r.businessDayMs += CELL;
      r[`${kind}DayMs`] += CELL;
    }
    if (t >= now - HOUR) {
      r.businessHourMs += CELL;
      r[`${kind}HourMs`] += CELL;
    }
  }
  return r;
}

const FIELD_PREFIX = { up: 'uptime', down: 'downtime', unknown: 'unknown' } as const;

/** Only the duration fields (the unknown ones when sampled with a max gap), to compare with StoreDurations. */
export function durationsOf(s: Sampled): StoreDurations {
  const { businessHourMs, businessDayMs, businessWeekMs, ...durations } = s;
  return durations;
}
