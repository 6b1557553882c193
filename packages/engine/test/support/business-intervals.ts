/**
 * The contract's business-hours rules, spelled out literally, as a list of [start, end) instants.
 * Overlaps are NOT merged: membership is "any interval contains t", which is the merge by definition.
 */
import type { HoursRow, SpecialHoursRow } from '../../src/types';
import { DAY, MINUTE, instantOf, weekdayOfLocalDay } from './zone-brute';

export type Interval = readonly [start: number, end: number];

/** Local times at or after 23:59:00 (and before 24:00) mean midnight, when used as an end. */
function endOfRow(endMs: number): number {
  return endMs >= DAY - MINUTE && endMs < DAY ? DAY : endMs;
}

/** Start and end of one row or one open special row, as written (ms after local midnight). */
interface Times {
  startMs: number;
  endMs: number;
}

/**
 * The interval (in local wall ms) that one row gives on local day `localDay`.
 * Reading chosen for the contract's order of rules: start === end (as written) is the whole day;
 * otherwise the end is normalised (23:59 -> 24:00), and an end before the start is on the next day.
 * (The two readings only differ for rows that also START in the last minute; tests avoid those.)
 */
function wallInterval(row: Times, localDay: number): [number, number] {
  const midnight = localDay * DAY;
  if (row.startMs === row.endMs) return [midnight, midnight + DAY];
  const end = endOfRow(row.endMs);
  const endDay = end < row.startMs ? midnight + DAY : midnight;
  return [midnight + row.startMs, endDay + end];
}

/** A special date's spans "read by the same rules"; a closed row (both times empty) gives none. */
function openTimes(rows: readonly SpecialHoursRow[]): Times[] {
  const out: Times[] = [];
  for (const r of rows) if (r.startMs !== null && r.endMs !== null) out.push({ startMs: r.startMs, endMs: r.endMs });
  return out;
}

/**
 * The spans that START on local day `day`: the special rows when the store has any for that date
 * (they replace the weekly ones, even when all of them are closed rows); else the weekly rows of its
 * weekday; else, for a store with no weekly rows at all, the whole day (24x7).
 */
function spansStartingOn(day: number, hours: readonly HoursRow[], special: readonly SpecialHoursRow[]): Times[] {
  const specialRows = special.filter((r) => r.date === day);
  if (specialRows.length > 0) return openTimes(specialRows);
  if (hours.length === 0) return [{ startMs: 0, endMs: 0 }]; // start === end: the whole local day
  const weekday = weekdayOfLocalDay(day);
  return hours.filter((r) => r.day === weekday);
}

/** Business intervals of every local day in [firstDay, lastDay] (days since 1970-01-01, local). */
export function businessIntervals(
  zone: string,
  hours: readonly HoursRow[],
  firstDay: number,
  lastDay: number,
  special: readonly SpecialHoursRow[] = [],
): Interval[] {
  const out: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    for (const row of spansStartingOn(day, hours, special)) {
      const [startWall, endWall] = wallInterval(row, day);
      out.push([instantOf(zone, startWall), instantOf(zone, endWall)]);
    }
  }
  return out;
}

/** A membership test; no rows at all means open 24x7. */
export function businessTest(intervals: readonly Interval[] | 'always'): (t: number) => boolean {
  if (intervals === 'always') return () => true;
  return (t) => intervals.some(([start, end]) => start <= t && t < end);
}
