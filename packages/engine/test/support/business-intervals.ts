/**
 * The contract's business-hours rules, spelled out literally, as a list of [start, end) instants.
 * Overlaps are NOT merged: membership is "any interval contains t", which is the merge by definition.
 */
import type { HoursRow } from '../../src/types';
import { DAY, MINUTE, instantOf, weekdayOfLocalDay } from './zone-brute';

export type Interval = readonly [start: number, end: number];

/** Local times at or after 23:59:00 (and before 24:00) mean midnight, when used as an end. */
function endOfRow(endMs: number): number {
  return endMs >= DAY - MINUTE && endMs < DAY ? DAY : endMs;
}

/**
 * The interval (in local wall ms) that one row gives on local day `localDay`.
 * Reading chosen for the contract's order of rules: start === end (as written) is the whole day;
 * otherwise the end is normalised (23:59 -> 24:00), and an end before the start is on the next day.
 * (The two readings only differ for rows that also START in the last minute; tests avoid those.)
 */
function wallInterval(row: HoursRow, localDay: number): [number, number] {
  const midnight = localDay * DAY;
  if (row.startMs === row.endMs) return [midnight, midnight + DAY];
  const end = endOfRow(row.endMs);
  const endDay = end < row.startMs ? midnight + DAY : midnight;
  return [midnight + row.startMs, endDay + end];
}

/** Business intervals of every local day in [firstDay, lastDay] (days since 1970-01-01, local). */
export function businessIntervals(
  zone: string,
  hours: readonly HoursRow[],
  firstDay: number,
  lastDay: number,
): Interval[] {
  const out: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = weekdayOfLocalDay(day);
    for (const row of hours) {
      if (row.day !== weekday) continue;
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
