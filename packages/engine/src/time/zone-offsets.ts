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
  const wall = Date.UTC(field.year, field.month - 1, field.day, field.hour, field.minute, field.second);
  return wall - instant;
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
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
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
