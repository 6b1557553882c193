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

/** What both measures need: the polls, the business-hours test and the status at any instant. */
interface Prepared {
  polls: Poll[];
  intervals: Interval[] | 'always';
  isBusiness: (t: number) => boolean;
  /** The polls nearest looks at (business-hours polls, or all when there are none). */
  evidence: Poll[];
  statusAt: (t: number) => Status;
}

function prepare(store: StoreInput, now: number, policy: Policy, maxGapMs?: number): Prepared | null {
  const polls = pollsUpTo(store, now);
  if (polls.length === 0) return null;
  const intervals = intervalsFor(store, now, polls);
  const isBusiness = businessTest(intervals);
  const inHours = polls.filter((p) => isBusiness(p.at));
  const evidence = inHours.length > 0 ? inHours : polls;
  const statusAt = policy === 'nearest' ? nearestStatus(evidence, maxGapMs) : forwardStatus(polls, maxGapMs);
  return { polls, intervals, isBusiness, evidence, statusAt };
}

/** The 30 s cell measure: exact on whole-minute data only (refuses other data). */
export function sampleStore(store: StoreInput, now: number, policy: Policy, maxGapMs?: number): Sampled | null {
  const p = prepare(store, now, policy, maxGapMs);
  if (!p) return null;
  assertGrid(store, now, p.intervals === 'always' ? [] : p.intervals, maxGapMs);
  const totals = emptyTotals(store.storeId);
  for (let t = now - WEEK + CELL / 2; t < now; t += CELL) {
    if (p.isBusiness(t)) addPiece(totals, now, t, CELL, p.statusAt(t));
  }
  return withoutUnknownUnlessGap(totals, maxGapMs);
}

/**
 * The same measure for data at any precision (microsecond polls, clock times with seconds): the
 * week is cut at every instant where the business test or the status can change (window edges,
 * business-hour edges, polls, poll +- max_gap, the midpoint of each two neighbouring polls), and
 * each piece takes the business test and status of its own middle instant. Between those cuts
 * neither can change, so this is exact, up to floating-point sums. Used on generated data.
 */
export function segmentStore(store: StoreInput, now: number, policy: Policy, maxGapMs?: number): Sampled | null {
  const p = prepare(store, now, policy, maxGapMs);
  if (!p) return null;
  const cuts = cutsOf(p, now, maxGapMs);
  const totals = emptyTotals(store.storeId);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const middle = (cuts[i] + cuts[i + 1]) / 2;
    if (p.isBusiness(middle)) addPiece(totals, now, middle, cuts[i + 1] - cuts[i], p.statusAt(middle));
  }
  return withoutUnknownUnlessGap(totals, maxGapMs);
}

function cutsOf(p: Prepared, now: number, maxGapMs?: number): number[] {
  const from = now - WEEK;
  const cuts = [from, now - DAY, now - HOUR, now];
  if (p.intervals !== 'always') for (const [s, e] of p.intervals) cuts.push(s, e);
  for (const list of [p.polls, p.evidence]) {
    for (let i = 0; i < list.length; i++) {
      cuts.push(list[i].at);
      if (maxGapMs !== undefined) cuts.push(list[i].at - maxGapMs, list[i].at + maxGapMs);
      if (i + 1 < list.length) cuts.push((list[i].at + list[i + 1].at) / 2);
    }
  }
  return [...new Set(cuts.filter((t) => t >= from && t <= now))].sort((a, b) => a - b);
}

function emptyTotals(storeId: string): Required<Sampled> {
  return {
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
}

/** Adds a piece of business time around instant t (wholly inside or outside each window) to the totals. */
function addPiece(r: Required<Sampled>, now: number, t: number, length: number, status: Status): void {
  const kind = FIELD_PREFIX[status];
  r.businessWeekMs += length;
  r[`${kind}WeekMs`] += length;
  if (t >= now - DAY) {
    r.businessDayMs += length;
    r[`${kind}DayMs`] += length;
  }
  if (t >= now - HOUR) {
    r.businessHourMs += length;
    r[`${kind}HourMs`] += length;
  }
}

function withoutUnknownUnlessGap(r: Sampled, maxGapMs?: number): Sampled {
  if (maxGapMs === undefined) {
    delete r.unknownHourMs;
    delete r.unknownDayMs;
    delete r.unknownWeekMs;
  }
  return r;
}

const FIELD_PREFIX = { up: 'uptime', down: 'downtime', unknown: 'unknown' } as const;

/** Only the duration fields (the unknown ones when sampled with a max gap), to compare with StoreDurations. */
export function durationsOf(s: Sampled): StoreDurations {
  const { businessHourMs, businessDayMs, businessWeekMs, ...durations } = s;
  return durations;
}
