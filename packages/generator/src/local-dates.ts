/** Local calendar dates as whole days since 1970-01-01, the way special-days files name them. */

const DAY_MS = 86_400_000;

/** The contract's zone for a store without a zone row. */
export const DEFAULT_ZONE = 'America/Chicago';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Days since 1970-01-01 of the local date in `zone` at the instant `ms`. */
export function localDay(zone: string, ms: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(ms));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Math.floor(Date.UTC(field('year'), field('month') - 1, field('day')) / DAY_MS);
}

/**
 * The local dates of `zone` that lie wholly inside [fromMs, toMs]: each starts after the first
 * instant and ends before the last, so the polls cover the whole date. Empty for a short window.
 */
export function datesInside(zone: string, fromMs: number, toMs: number): number[] {
  const first = localDay(zone, fromMs) + 1;
  const last = localDay(zone, toMs) - 1;
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/**
 * The dates a special day may fall on: those wholly inside the window, or when it holds none (a
 * window of a day or two), those it touches, so a short data set still gets its special days.
 */
export function candidateDates(zone: string, fromMs: number, toMs: number): number[] {
  const inside = datesInside(zone, fromMs, toMs);
  if (inside.length > 0) return inside;
  const first = localDay(zone, fromMs);
  return Array.from({ length: localDay(zone, toMs) - first + 1 }, (_, i) => first + i);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A zone the runtime knows, else the default zone (a real file may name a zone that is gone). */
export function usableZone(zone: string | undefined): string {
  if (zone === undefined) return DEFAULT_ZONE;
  try {
    formatterFor(zone);
    return zone;
  } catch {
    return DEFAULT_ZONE;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}
