import { formatClock, type ClockStyle } from './clock';
import { deal, type Weighted } from './deck';
import { rngFor, STREAM } from './random';
import { SCHEDULE_BUILDERS, type Interval, type ScheduleKind } from './schedule-kinds';

/** One row of a business-hours file, as text. */
export interface HoursLine {
  storeId: string;
  day: string;
  start: string;
  end: string;
}

export const SCHEDULE_WEIGHTS: Weighted<ScheduleKind> = [
  ['always-open', 6],
  ['regular', 28],
  ['closed-days', 6],
  ['split', 14],
  ['overnight', 6],
  ['overnight-split', 6],
  ['whole-day', 8],
  ['whole-day-hm', 4],
  ['whole-day-59', 8],
  ['whole-day-equal', 3],
  ['short', 4],
];

/** The kinds whose notation fixes the clock style; the rest are written HH:MM now and then. */
const FIXED_STYLE: Partial<Record<ScheduleKind, ClockStyle>> = {
  'whole-day': 'HH:MM:SS',
  'whole-day-hm': 'HH:MM',
  'whole-day-59': 'HH:MM:SS',
  'whole-day-equal': 'HH:MM:SS',
};

/** Business-hours rows for these stores, grouped by store in store order. */
export function makeHoursLines(storeIds: readonly string[], seed: number): HoursLine[] {
  const kinds = deal(SCHEDULE_WEIGHTS, storeIds.length, rngFor(seed, STREAM.scheduleKinds));
  return storeIds.flatMap((storeId, index) => storeHours(storeId, kinds[index], seed, index));
}

function storeHours(storeId: string, kind: ScheduleKind, seed: number, index: number): HoursLine[] {
  const rng = rngFor(seed, STREAM.schedule, index);
  const style = FIXED_STYLE[kind] ?? (rng.chance(0.15) ? 'HH:MM' : 'HH:MM:SS');
  const intervals = SCHEDULE_BUILDERS[kind](rng);
  // The real files list a store's days in no particular order about half the time.
  const ordered = rng.chance(0.5) ? rng.shuffle(intervals) : intervals.sort(byDayThenStart);
  return ordered.map((interval) => ({
    storeId,
    day: String(interval.day),
    start: formatClock(interval.start, style),
    end: formatClock(interval.end, style),
  }));
}

function byDayThenStart(a: Interval, b: Interval): number {
  return a.day - b.day || a.start - b.start;
}
