import { formatInTimeZone } from 'date-fns-tz';
import { formatInstant } from '@store-monitor/engine';

/**
 * An instant as ISO UTC text to the microsecond, as the rest of the API writes instants. Segment
 * ends fall at midpoints between polls, finer than a microsecond: they are rounded to one first,
 * because formatInstant expects at most microseconds (given x.9996 ms it would write 1000 micros).
 */
export function utcInstant(ms: number): string {
  return formatInstant(toMicros(ms));
}

/** The 19 characters of a local wall-clock time, `2024-04-06T19:29:26`; the offset follows at once. */
const WALL_AND_OFFSET = "yyyy-MM-dd'T'HH:mm:ssxxx";
const WALL_LENGTH = 19;

/**
 * The same instant as the store's local time with its offset, `2024-04-06T19:29:26.217913-05:00`,
 * with utcInstant's fraction (date-fns works in whole milliseconds). Off the report's hot path, so
 * date-fns-tz rather than the engine's own zone clock.
 */
export function localInstant(ms: number, timeZone: string): string {
  const micros = toMicros(ms);
  const fraction = formatInstant(micros).slice(WALL_LENGTH, -1); // what lies between :ss and Z
  const local = formatInTimeZone(Math.floor(micros), timeZone, WALL_AND_OFFSET);
  return `${local.slice(0, WALL_LENGTH)}${fraction}${local.slice(WALL_LENGTH)}`;
}

const toMicros = (ms: number): number => Math.round(ms * 1000) / 1000;
