import { HOUR, LAST_SECOND, MINUTE } from './clock';
import type { Rng } from './random';

/** One business-hours row before it is written: day 0 = Monday, times in seconds after local midnight. */
export interface Interval {
  day: number;
  start: number;
  end: number;
}

/** The shapes of schedule found in the real files, plus the contract's corner cases. */
export type ScheduleKind =
  | 'always-open'
  | 'regular'
  | 'closed-days'
  | 'split'
  | 'overnight'
  | 'overnight-split'
  | 'whole-day'
  | 'whole-day-hm'
  | 'whole-day-59'
  | 'whole-day-equal'
  | 'short';

const DAYS = [0, 1, 2, 3, 4, 5, 6];
const SATURDAY = 5;

export const SCHEDULE_BUILDERS: Record<ScheduleKind, (rng: Rng) => Interval[]> = {
  // No rows at all: open 24x7.
  'always-open': () => [],
  regular,
  'closed-days': closedDays,
  split,
  // One row running past midnight, `22:00`-`02:00`.
  overnight: (rng) => overnightSpans(rng).map(({ day, open, close }) => ({ day, start: open, end: close })),
  // The same span as the real files write it: split at midnight over two weekdays.
  'overnight-split': (rng) =>
    overnightSpans(rng).flatMap(({ day, open, close }) => [
      { day, start: open, end: LAST_SECOND },
      { day: (day + 1) % 7, start: 0, end: close },
    ]),
  // Whole days in each of the notations that occur: `00:00:00,23:59:59` (and, written HH:MM,
  // `00:00,23:59`), `00:00:00,23:59:00`, and start equal to end.
  'whole-day': (rng) => wholeDays(LAST_SECOND, rng),
  'whole-day-hm': (rng) => wholeDays(LAST_SECOND, rng),
  'whole-day-59': (rng) => wholeDays(LAST_SECOND - 59, rng),
  'whole-day-equal': (rng) => wholeDays(0, rng),
  short,
};

/** One interval a day, 6 to 14 hours, often later on weekends. */
function regular(rng: Rng): Interval[] {
  const open = rng.int(12, 22) * 30 * MINUTE; // 06:00 .. 11:00
  const close = open + rng.int(12, 28) * 30 * MINUTE + rng.pick([0, 0, 0, 10, 20, 40]) * MINUTE;
  const weekendShift = rng.chance(0.4) ? HOUR : 0;
  return DAYS.map((day) => {
    const shift = day >= SATURDAY ? weekendShift : 0;
    return span(day, open + shift, close + shift);
  });
}

/** Regular hours with one to three weekdays without rows, so closed on those days. */
function closedDays(rng: Rng): Interval[] {
  const closed = new Set(rng.shuffle([...DAYS]).slice(0, rng.int(1, 3)));
  return regular(rng).filter(({ day }) => !closed.has(day));
}

/** Lunch and dinner shifts, sometimes with breakfast and a late window too: two to four a day. */
function split(rng: Rng): Interval[] {
  const lunch = [rng.pick([11, 11.5]) * HOUR, rng.pick([14, 14.5, 15]) * HOUR];
  const dinner = [rng.pick([17, 17.5]) * HOUR, rng.pick([21, 21.5, 22, 22.5]) * HOUR];
  const breakfast = rng.chance(0.4) ? [rng.pick([6.5, 7, 7.5]) * HOUR, rng.pick([9.5, 10, 10.5]) * HOUR] : undefined;
  const lateStart = dinner[1] + rng.pick([30, 45, 60]) * MINUTE;
  const late = rng.chance(0.3) ? [lateStart, lateStart + rng.pick([30, 60]) * MINUTE] : undefined;
  const shifts = [breakfast, lunch, dinner, late].filter((shift): shift is number[] => shift !== undefined);
  const mergedWeekend = rng.chance(0.3);
  return DAYS.flatMap((day) => {
    if (mergedWeekend && day >= SATURDAY) return [span(day, lunch[0], dinner[1])];
    return shifts.map(([start, end]) => span(day, start, end));
  });
}

/** Evening openings that close after midnight; one day in five such stores rests. */
function overnightSpans(rng: Rng): { day: number; open: number; close: number }[] {
  const open = rng.int(32, 44) * 30 * MINUTE; // 16:00 .. 22:00
  const close = rng.int(2, 8) * 30 * MINUTE; // 01:00 .. 04:00
  const restDay = rng.chance(0.2) ? rng.int(0, 6) : -1;
  return DAYS.filter((day) => day !== restDay).map((day) => ({ day, open, close }));
}

/** Every day whole, now and then with one ordinary day among them. */
function wholeDays(end: number, rng: Rng): Interval[] {
  const ordinaryDay = rng.chance(0.25) ? rng.int(0, 6) : -1;
  const ordinary = regular(rng);
  return DAYS.map((day) => (day === ordinaryDay ? ordinary[day] : { day, start: 0, end }));
}

/**
 * Ten-minute windows: alone just after midnight (a pattern of the real 2023 file), or before
 * regular hours.
 */
function short(rng: Rng): Interval[] {
  if (rng.chance(0.5)) return DAYS.map((day) => ({ day, start: 0, end: 10 * MINUTE }));
  const slot = rng.int(36, 45) * 10 * MINUTE; // 06:00 .. 07:30
  const open = rng.int(18, 22) * 30 * MINUTE; // 09:00 .. 11:00
  const close = open + rng.int(12, 24) * 30 * MINUTE;
  return DAYS.flatMap((day) => [{ day, start: slot, end: slot + 10 * MINUTE }, span(day, open, close)]);
}

/** Real files never write past midnight: a later close is written `23:59:59`. */
function span(day: number, start: number, end: number): Interval {
  return { day, start, end: Math.min(end, LAST_SECOND) };
}
