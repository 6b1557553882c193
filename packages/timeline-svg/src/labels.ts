import { formatDuration } from '@store-monitor/engine';
import { formatInTimeZone } from 'date-fns-tz';

// Local-time text for people, by date-fns-tz. The engine's hot path keeps to Intl; a picture is made
// once per request, so the clearer library is the better choice here.

/** `Sun 10 Mar` */
export const dayLabel = (instant: number, zone: string): string => formatInTimeZone(instant, zone, 'EEE d MMM');

/** `14:03:12` on the store's wall clock. */
export const clockTime = (instant: number, zone: string): string => formatInTimeZone(instant, zone, 'HH:mm:ss');

/** `2024-03-10 03:00:00 -04:00`: a local time that says which side of a DST change it is on. */
export const localStamp = (instant: number, zone: string): string =>
  formatInTimeZone(instant, zone, 'yyyy-MM-dd HH:mm:ss xxx');

/** `2024-03-10 03:00 EDT`, for the title only: the zone's abbreviation is slow to look up. */
export const titleStamp = (instant: number, zone: string): string =>
  formatInTimeZone(instant, zone, 'yyyy-MM-dd HH:mm zzz');

/** Hours with two decimals, as the report's week columns: `5.25`. */
export const hoursText = (ms: number): string => (Math.round(ms / 36_000) / 100).toFixed(2);

/** A day's length in hours, short: `24`, `23`, `24.5`. */
export const dayHours = (ms: number): string => String(Math.round(ms / 36_000) / 100);

/** `2h`, `1h30m`, or `none`. */
export const maxGapText = (maxGapMs: number | undefined): string =>
  maxGapMs === undefined ? 'none' : formatDuration(maxGapMs);

/** `03` and `-04:00` for an hour tick, read in one call. */
export function hourAndOffset(instant: number, zone: string): { hour: string; offset: string } {
  const [hour, offset] = formatInTimeZone(instant, zone, "HH'|'xxx").split('|');
  return { hour, offset };
}
