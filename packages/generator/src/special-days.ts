import { type ClockStyle, formatClock, HOUR, LAST_SECOND, MINUTE } from './clock';
import { deal, draw, type Weighted } from './deck';
import { holidaysBetween, type SpecialKind } from './holidays';
import { candidateDates, formatDate, usableZone } from './local-dates';
import type { GenerateOptions } from './options';
import { pollWindow } from './poll-window';
import { type Rng, rngFor, STREAM } from './random';
import type { ZoneLine } from './zones';

/** One row of a special-days file, as text; both times empty means closed that date. */
export interface SpecialLine {
  storeId: string;
  date: string;
  start: string;
  end: string;
}

export const SPECIAL_HEADER = 'store_id,date,start_time_local,end_time_local';

/** Each special store's main kind is dealt from these, so every kind occurs in a sample of 5+ stores. */
export const SPECIAL_WEIGHTS: Weighted<SpecialKind> = [
  ['closed', 35],
  ['short', 30],
  ['overnight', 15],
  ['split', 12],
  ['all-day', 8],
];

/** The spans of one special date in seconds after local midnight; none is closed. */
const SPANS: Record<SpecialKind, (rng: Rng) => [number, number][]> = {
  closed: () => [],
  // Opens 10:00 to 11:30 for three to five hours.
  short: (rng) => {
    const open = rng.int(20, 23) * 30 * MINUTE;
    return [[open, open + rng.int(6, 10) * 30 * MINUTE]];
  },
  // From 17:00-20:00 into the next day, until 01:00-03:00 (New Year's Eve 18:00-02:00 is one).
  overnight: (rng) => [[rng.int(34, 40) * 30 * MINUTE, rng.int(2, 6) * 30 * MINUTE]],
  split: (rng) => [
    [rng.pick([11, 11.5]) * HOUR, rng.pick([14, 14.5]) * HOUR],
    [rng.pick([17, 17.5]) * HOUR, rng.pick([21, 22]) * HOUR],
  ],
  'all-day': () => [[0, LAST_SECOND]],
};

/** How often a store keeps a holiday of its kind that falls in the window, rather than another date. */
const HOLIDAY_CHANCE = 0.75;
/** How often a special store has a second special date. */
const SECOND_DATE_CHANCE = 0.4;

/**
 * Special-days rows for `specialDaysPercent` of the stores, grouped by store in store order, dates
 * ascending. Dates are local dates of each store's zone wholly inside the poll window (touching it
 * when the window is too short to hold one).
 */
export function makeSpecialLines(
  storeIds: readonly string[],
  timeZones: readonly ZoneLine[],
  options: Pick<GenerateOptions, 'seed' | 'days' | 'end' | 'specialDaysPercent'>,
): SpecialLine[] {
  const chosen = specialStores(storeIds.length, options);
  const kinds = deal(SPECIAL_WEIGHTS, chosen.length, rngFor(options.seed, STREAM.specialKinds));
  const zones = new Map(timeZones.map((row) => [row.storeId, row.timeZone]));
  const { startMicros, endMicros } = pollWindow(options);
  return chosen.flatMap((index, k) => {
    const storeId = storeIds[index];
    const dates = candidateDates(usableZone(zones.get(storeId)), startMicros / 1000, endMicros / 1000);
    return storeSpecialDays(storeId, kinds[k], dates, rngFor(options.seed, STREAM.specialDays, index));
  });
}

/** Indices of the stores with special days, ascending: a partial shuffle picks exactly the share. */
function specialStores(count: number, options: Pick<GenerateOptions, 'seed' | 'specialDaysPercent'>): number[] {
  const wanted = Math.round((count * options.specialDaysPercent) / 100);
  const rng = rngFor(options.seed, STREAM.specialStores);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = 0; i < wanted; i++) {
    const j = rng.int(i, count - 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return [...order.subarray(0, wanted)].sort((a, b) => a - b);
}

function storeSpecialDays(storeId: string, kind: SpecialKind, dates: readonly number[], rng: Rng): SpecialLine[] {
  const holidays = holidaysBetween(dates[0], dates[dates.length - 1]);
  const style: ClockStyle = rng.chance(0.15) ? 'HH:MM' : 'HH:MM:SS';
  const plan = new Map<number, SpecialKind>();
  const fitting = holidays.filter((holiday) => holiday.kind === kind);
  plan.set(fitting.length > 0 && rng.chance(HOLIDAY_CHANCE) ? rng.pick(fitting).day : rng.pick(dates), kind);
  const others = dates.filter((day) => !plan.has(day));
  if (others.length > 0 && rng.chance(SECOND_DATE_CHANCE)) {
    const day = rng.pick(others);
    plan.set(day, holidays.find((holiday) => holiday.day === day)?.kind ?? draw(SPECIAL_WEIGHTS, rng));
  }
  return [...plan]
    .sort(([a], [b]) => a - b)
    .flatMap(([day, dayKind]) => rowsOf(storeId, formatDate(day), SPANS[dayKind](rng), style));
}

function rowsOf(storeId: string, date: string, spans: [number, number][], style: ClockStyle): SpecialLine[] {
  if (spans.length === 0) return [{ storeId, date, start: '', end: '' }];
  return spans.map(([start, end]) => ({
    storeId,
    date,
    start: formatClock(start, style),
    end: formatClock(end, style),
  }));
}
