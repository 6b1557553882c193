/** Small builders shared by the engine tests: instants, clock times, rows and one-poll stores. */
import type { HoursRow, SpecialHoursRow, StoreInput } from '../../src/types';

export const MIN = 60_000;
export const H = 60 * MIN;
export const DAY_MS = 24 * H;

/** '2024-03-10T07:30' read as UTC. */
export const utc = (iso: string): number => Date.parse(`${iso}Z`);

/** 'HH:MM' as ms after local midnight ('24:00' allowed). */
export function clock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * H + m * MIN;
}

/** One business-hours row; day 0 = Monday ... 6 = Sunday. */
export function row(day: number, start: string, end: string, storeId = 's'): HoursRow {
  return { storeId, day, startMs: clock(start), endMs: clock(end) };
}

/** A store whose only poll, long before the week window, has the given status. */
export function onePollStore(zone: string | undefined, hours: HoursRow[], pollAt: number, active: boolean): StoreInput {
  return { storeId: 's', timeZone: zone, hours, polls: { at: [pollAt], active: [active] } };
}

/** Local days since 1970-01-01 of a 'YYYY-MM-DD' date (the engine's SpecialHoursRow.date). */
export const localDate = (ymd: string): number => utc(`${ymd}T00:00`) / DAY_MS;

/** One special-days row; `null` times (both) mean closed on that date. */
export function special(date: string, start: string | null, end: string | null, storeId = 's'): SpecialHoursRow {
  return {
    storeId,
    date: localDate(date),
    startMs: start === null ? null : clock(start),
    endMs: end === null ? null : clock(end),
  };
}
