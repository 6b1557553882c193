import { formatDuration, MINUTE_MS, zoneClock } from '@store-monitor/engine';
import { formatInTimeZone } from 'date-fns-tz';

// Local-time text for people, by date-fns-tz. The engine's hot path keeps to Intl; a picture is made
// once per request, so the clearer library is the better choice here.

const offsetNames = new Map<number, string>();

/** `+05:30` for an offset in ms, as date-fns-tz reads a fixed-offset zone. */
function offsetName(offsetMs: number): string {
  let name = offsetNames.get(offsetMs);
  if (name === undefined) {
    const minutes = Math.abs(offsetMs / MINUTE_MS);
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    name = `${offsetMs < 0 ? '-' : '+'}${hh}:${String(minutes % 60).padStart(2, '0')}`;
    offsetNames.set(offsetMs, name);
  }
  return name;
}

/**
 * An instant formatted on the store's wall clock. date-fns-tz is given the fixed offset that the
 * engine's zone clock reads at that instant, rather than the zone name: the same text (the local time
 * at an instant is the time at its offset), from the offsets the report itself used, and several times
 * faster, since date-fns-tz then need not ask Intl for the offset on every call (a picture formats
 * hundreds of times). An offset that is not whole minutes (local mean time before 1900) goes by name.
 */
function local(instant: number, zone: string, pattern: string): string {
  const offset = zoneClock(zone).offsetAt(instant);
  return formatInTimeZone(instant, offset % MINUTE_MS === 0 ? offsetName(offset) : zone, pattern);
}

/** `Sun 10 Mar` */
export const dayLabel = (instant: number, zone: string): string => local(instant, zone, 'EEE d MMM');

/** `14:03:12` on the store's wall clock. */
export const clockTime = (instant: number, zone: string): string => local(instant, zone, 'HH:mm:ss');

/** `2024-03-10 03:00:00 -04:00`: a local time that says which side of a DST change it is on. */
export const localStamp = (instant: number, zone: string): string => local(instant, zone, 'yyyy-MM-dd HH:mm:ss xxx');

/** `2024-03-10 03:00 EDT`, for the title only: the abbreviation needs the zone's name, and is slow. */
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
  const [hour, offset] = local(instant, zone, "HH'|'xxx").split('|');
  return { hour, offset };
}

/** `2024-03-10` */
export const localDate = (instant: number, zone: string): string => local(instant, zone, 'yyyy-MM-dd');
