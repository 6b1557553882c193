import { daysFromCivil, startOfYear } from './civil-date';

/**
 * UTC offsets of one zone over one calendar year, read from the runtime's tz database (Intl).
 * `offsets[i]` (ms to add to UTC) applies from `starts[i]` until `starts[i + 1]`.
 */
export interface YearOffsets {
  starts: number[];
  offsets: number[];
}

const DAY_MS = 86_400_000;
// No zone has changed its offset twice within three days in the modern tz database; sampling
// this often and bisecting between samples finds every transition at a tiny fraction of the
// cost of asking the tz database about every instant.
const SAMPLE_STEP_MS = 3 * DAY_MS;

// Intl directly rather than date-fns-tz: its one instant-exact call, formatInTimeZone, loads all
// of date-fns's formatting (120 ms at every start of the command) to do what these lines do.
const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall-clock formatter (costly to make: made once per zone); throws for an unknown zone. */
export function wallClock(zone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(zone, format);
  }
  return format;
}

/** Offset in ms at a whole-second instant: local wall clock minus UTC. */
export function probeOffset(zone: string, instant: number): number {
  const field: Record<string, number> = {};
  for (const part of wallClock(zone).formatToParts(instant)) field[part.type] = Number(part.value);
  const day = daysFromCivil(wallYear(instant, field.month), field.month, field.day);
  const wall = day * DAY_MS + ((field.hour * 60 + field.minute) * 60 + field.second) * 1000;
  return wall - instant;
}

/**
 * The year on the zone's calendar at `instant`: UTC's, or the one next to it when the zone's date
 * is across New Year from UTC's. Intl's year field is not used: it has no year 0 (1 BC reads 1).
 */
function wallYear(instant: number, wallMonth: number): number {
  const utc = new Date(instant);
  const year = utc.getUTCFullYear();
  const month = utc.getUTCMonth() + 1;
  if (wallMonth === 1 && month === 12) return year + 1;
  if (wallMonth === 12 && month === 1) return year - 1;
  return year;
}

/** First whole second in (lo, hi] whose offset differs from the offset at lo. */
function findTransition(zone: string, lo: number, hi: number, before: number): number {
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (probeOffset(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

export function yearOffsets(zone: string, year: number): YearOffsets {
  const from = startOfYear(year);
  const to = startOfYear(year + 1);
  let current = probeOffset(zone, from);
  const table: YearOffsets = { starts: [from], offsets: [current] };
  let lo = from;
  while (lo < to) {
    const hi = Math.min(lo + SAMPLE_STEP_MS, to - 1000);
    const next = probeOffset(zone, hi);
    if (next !== current) {
      const at = findTransition(zone, lo, hi, current);
      current = probeOffset(zone, at);
      table.starts.push(at);
      table.offsets.push(current);
      // Re-probe from the transition so a second change inside the same step is not missed.
      lo = at;
      continue;
    }
    if (hi === to - 1000) break;
    lo = hi;
  }
  return table;
}
