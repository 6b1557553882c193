import { DAY_MS, HOUR_MS, MINUTE_MS, zoneClock } from '@store-monitor/engine';
import { localDate } from './labels';

/** One local calendar day of a store's zone, as the instants it really starts and ends at. */
export interface LocalDay {
  /** `yyyy-MM-dd` in the store's zone. */
  date: string;
  start: number;
  /** The next day's start: 23 or 25 hours later on a DST day (23.5 or 24.5 in Lord Howe). */
  end: number;
}

/**
 * The local days of `zone` that the window [from, now) touches, in order. Boundaries come from the
 * engine's zone clock, which reads a midnight that a DST gap skips as the first instant after it, so a
 * day is exactly as long as it was on the store's wall clock.
 */
export function localDaysOf(from: number, now: number, zone: string): LocalDay[] {
  const clock = zoneClock(zone);
  const days: LocalDay[] = [];
  for (let day = clock.localDay(from); ; day++) {
    const start = clock.toInstant(day * DAY_MS);
    if (start >= now) break;
    days.push({ date: localDate(start, zone), start, end: clock.toInstant((day + 1) * DAY_MS) });
  }
  return days;
}

// Every zone in use today is a whole number of quarter hours off UTC, so every local whole hour lies
// on this grid of UTC instants.
const QUARTER_MS = 15 * MINUTE_MS;

/**
 * The instants of a day at which the local clock shows a whole hour. A spring-forward day misses one
 * (02:00 in New York), a fall-back day has one twice (01:00). Lord Howe's half-hour shift skips 02:00
 * in spring and repeats no whole hour in autumn.
 */
export function localHourInstants(day: LocalDay, zone: string): number[] {
  const clock = zoneClock(zone);
  const hours: number[] = [];
  for (let t = Math.ceil(day.start / QUARTER_MS) * QUARTER_MS; t < day.end; t += QUARTER_MS) {
    const local = t + clock.offsetAt(t);
    if (((local % HOUR_MS) + HOUR_MS) % HOUR_MS === 0) hours.push(t);
  }
  return hours;
}
