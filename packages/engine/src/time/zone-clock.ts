import { startOfYear } from './civil-date';
import { wallClock, yearOffsets, type YearOffsets } from './zone-offsets';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Wall-clock arithmetic in one IANA zone, with the contract's explicit rules:
 * a local time in a spring-forward gap moves forward by the gap's length, and a local time that
 * occurs twice is the earlier instant. Local times are "local ms": the wall clock read as if it were UTC.
 */
export class ZoneClock {
  private readonly years = new Map<number, YearOffsets>();
  private cached: YearOffsets | undefined;
  private cachedFrom = Infinity;
  private cachedTo = -Infinity;

  constructor(readonly zone: string) {}

  /** UTC offset in ms at an instant (local = instant + offset). */
  offsetAt(instant: number): number {
    const table = instant >= this.cachedFrom && instant < this.cachedTo ? this.cached! : this.tableFor(instant);
    const { starts, offsets } = table;
    let i = starts.length - 1;
    while (starts[i] > instant) i--;
    return offsets[i];
  }

  /** The instant of a local wall time, by the contract's gap and overlap rules. */
  toInstant(local: number): number {
    // |offset| < 1 day, so the offsets one day either side bracket every reading of `local`
    // (at most one transition lies between them).
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    const earlier = local - before;
    if (this.offsetAt(earlier) === before) return earlier;
    const later = local - after;
    if (this.offsetAt(later) === after) return later;
    // Neither reading exists: the gap. Reading it with the pre-gap offset lands exactly one
    // gap-length later on the post-gap clock, which is the contract's rule.
    return earlier;
  }

  /** Days since 1970-01-01 of the local date at an instant. */
  localDay(instant: number): number {
    return Math.floor((instant + this.offsetAt(instant)) / DAY_MS);
  }

  private tableFor(instant: number): YearOffsets {
    const year = new Date(instant).getUTCFullYear();
    let table = this.years.get(year);
    if (!table) {
      table = yearOffsets(this.zone, year);
      this.years.set(year, table);
    }
    this.cached = table;
    this.cachedFrom = startOfYear(year);
    this.cachedTo = startOfYear(year + 1);
    return table;
  }
}

const clocks = new Map<string, ZoneClock>();

/** One shared clock per zone, so each zone's offsets are read from the tz database once. */
export function zoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new ZoneClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

const validity = new Map<string, boolean>();

/** Whether the runtime's tz database knows this zone name. */
export function isValidTimeZone(zone: string): boolean {
  let valid = validity.get(zone);
  if (valid === undefined) {
    valid = checkTimeZone(zone);
    validity.set(zone, valid);
  }
  return valid;
}

function checkTimeZone(zone: string): boolean {
  if (zone.trim() === '' || /^[+-]/.test(zone)) return false; // offsets are not zone names
  try {
    // The same formatter the zone's offsets are later read with, so a zone costs one.
    wallClock(zone);
    return true;
  } catch {
    return false;
  }
}

/** 0 = Monday ... 6 = Sunday, for a day counted from 1970-01-01 (a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
