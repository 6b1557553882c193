/**
 * Local wall time <-> instant by brute force over Intl, for the reference sampler.
 *
 * Deliberately naive and independent of the engine (which may use date-fns-tz): a wall time is
 * represented as milliseconds "as if it were UTC" (the local fields read as UTC), and an instant is
 * found by trying every offset the zone actually shows near that time and keeping the exact hits.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();
const wallCache = new Map<string, number>();
const instantCache = new Map<string, number>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // hourCycle h23: midnight is "00", never "24" (hour12:false gives "24" on some ICU versions).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short', // 1 BC is year "1" with era BC: the era tells years before 1 AD apart
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The local wall time (as UTC-fields ms) that the zone shows at instant t. */
export function wallTimeOf(zone: string, t: number): number {
  const key = `${zone}|${t}`;
  const hit = wallCache.get(key);
  if (hit !== undefined) return hit;
  const parts = formatter(zone).formatToParts(new Date(t));
  const field = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  const subSecond = ((t % 1000) + 1000) % 1000; // Intl stops at seconds
  const era = parts.find((p) => p.type === 'era')!.value;
  const year = era === 'BC' ? 1 - field('year') : field('year');
  // Not Date.UTC, which reads years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(year, field('month') - 1, field('day'));
  date.setUTCHours(field('hour'), field('minute'), field('second'), subSecond);
  const wall = date.getTime();
  wallCache.set(key, wall);
  return wall;
}

/** Every UTC offset (wall - instant) the zone shows at whole hours within two days of L. */
function offsetsNear(zone: string, wall: number): Set<number> {
  const offsets = new Set<number>();
  const first = Math.floor((wall - 2 * DAY) / HOUR) * HOUR; // whole hours, so the cache is shared
  for (let t = first; t <= wall + 2 * DAY; t += HOUR) offsets.add(wallTimeOf(zone, t) - t);
  return offsets;
}

/** All instants at which the zone's clock reads exactly `wall` (0 in a gap, 2 in a fall-back). */
export function exactInstants(zone: string, wall: number): number[] {
  const hits: number[] = [];
  for (const offset of offsetsNear(zone, wall)) {
    const candidate = wall - offset;
    if (wallTimeOf(zone, candidate) === wall) hits.push(candidate);
  }
  return hits.sort((a, b) => a - b);
}

/**
 * The contract's rule: an existing wall time -> its earliest instant (fall-back); a wall time in a
 * spring-forward gap moves forward by the length of the gap, i.e. it keeps its distance from the
 * last valid wall time before the gap.
 */
export function instantOf(zone: string, wall: number): number {
  const key = `${zone}|${wall}`;
  const hit = instantCache.get(key);
  if (hit !== undefined) return hit;
  const result = resolve(zone, wall);
  instantCache.set(key, result);
  return result;
}

function resolve(zone: string, wall: number): number {
  const exact = exactInstants(zone, wall);
  if (exact.length > 0) return exact[0];
  for (let before = wall - MINUTE; before > wall - DAY; before -= MINUTE) {
    const valid = exactInstants(zone, before);
    if (valid.length > 0) return valid[0] + (wall - before);
  }
  throw new Error(`no valid wall time within a day before ${new Date(wall).toISOString()} in ${zone}`);
}

/** Days since 1970-01-01 of a wall time; weekday with 0 = Monday (1970-01-01 was a Thursday). */
export function weekdayOfLocalDay(localDay: number): number {
  return (((localDay + 3) % 7) + 7) % 7;
}

export { MINUTE, HOUR, DAY };
