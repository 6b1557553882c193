/**
 * Years 1 to 99 (and 100, 1970 beside them): business time must not depend on the century.
 * Date.UTC reads years 0-99 as 1900-1999, which once made a store's business hours in the year 50
 * land in 1950, and every window's business time zero.
 *
 * Every case has one poll ten days before now, so the whole business time is up (active) or down
 * (inactive). Hours 09:00-17:00 every day, now at 12:00 local: the hour window holds 60 min, the
 * day window 17:00 back to 12:00 plus 09:00 to 12:00 = 8 h, the week 7 x 8 h = 56 h, in any year.
 * Etc/GMT-10 (UTC+10) puts the local date a day ahead of UTC's from 14:00Z, and its New Year ten
 * hours before UTC's.
 */
import { computeStore } from '@store-monitor/engine';
import type { StoreDurations } from '../src/types';
import { DAY_MS, H, MIN, onePollStore, row } from './support/fixtures';
import { durationsOf, sampleStore } from './support/reference-sampler';

/** An instant from UTC fields, for any year (Date.UTC would move years 0-99 to the 1900s). */
function utcAt(year: number, month: number, day: number, hour: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, 0, 0, 0);
  return date.getTime();
}

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((day) => row(day, '09:00', '17:00'));
const WEDNESDAYS = [row(2, '09:00', '17:00')];

interface Case {
  name: string;
  zone: string;
  now: number; // 12:00 local
}

const cases: Case[] = [
  { name: 'year 1', zone: 'UTC', now: utcAt(1, 6, 15, 12) },
  { name: 'year 50', zone: 'UTC', now: utcAt(50, 6, 15, 12) },
  { name: 'year 50, UTC+10', zone: 'Etc/GMT-10', now: utcAt(50, 6, 15, 2) },
  { name: 'year 99', zone: 'UTC', now: utcAt(99, 12, 31, 12) },
  { name: 'year 99, UTC+10', zone: 'Etc/GMT-10', now: utcAt(99, 12, 31, 2) },
  // Local noon of 1 January 100 is 02:00Z: the week runs back across New Year in both calendars.
  { name: 'year 100, UTC+10, New Year', zone: 'Etc/GMT-10', now: utcAt(100, 1, 1, 2) },
  { name: 'year 100', zone: 'UTC', now: utcAt(100, 3, 1, 12) },
  { name: 'year 1970', zone: 'UTC', now: utcAt(1970, 1, 1, 12) },
  { name: 'year 1970, UTC+10', zone: 'Etc/GMT-10', now: utcAt(1970, 1, 1, 2) },
];

function durations(store: ReturnType<typeof onePollStore>, now: number): Omit<StoreDurations, 'storeId'> {
  const { storeId: _ignored, ...rest } = computeStore(store, now, 'nearest')!;
  return rest;
}

describe('business time in years 1-99 is what it is in any other year', () => {
  it.each(cases)('$name ($zone): 60 min, 8 h and 56 h of hours every day', ({ zone, now }) => {
    const up = onePollStore(zone, EVERY_DAY, now - 10 * DAY_MS, true);
    expect(durations(up, now)).toEqual({
      uptimeHourMs: 60 * MIN,
      uptimeDayMs: 8 * H,
      uptimeWeekMs: 56 * H,
      downtimeHourMs: 0,
      downtimeDayMs: 0,
      downtimeWeekMs: 0,
    });
    const down = onePollStore(zone, EVERY_DAY, now - 10 * DAY_MS, false);
    expect(durations(down, now)).toEqual({
      uptimeHourMs: 0,
      uptimeDayMs: 0,
      uptimeWeekMs: 0,
      downtimeHourMs: 60 * MIN,
      downtimeDayMs: 8 * H,
      downtimeWeekMs: 56 * H,
    });
  });

  it.each(cases)('$name ($zone): the reference sampler agrees, every day and Wednesdays only', ({ zone, now }) => {
    for (const hours of [EVERY_DAY, WEDNESDAYS]) {
      const store = onePollStore(zone, hours, now - 10 * DAY_MS, true);
      expect(computeStore(store, now, 'forward')).toEqual(durationsOf(sampleStore(store, now, 'forward')!));
    }
  });

  it('15 June 50 is a Wednesday (proleptic Gregorian): a Wednesday store has 60 min, 3 h and 8 h at noon', () => {
    // Week [Wed 8 June 12:00, Wed 15 June 12:00): 12:00-17:00 on the 8th and 09:00-12:00 on the 15th.
    const now = utcAt(50, 6, 15, 12);
    const store = onePollStore('UTC', WEDNESDAYS, now - 10 * DAY_MS, true);
    expect(durations(store, now)).toEqual({
      uptimeHourMs: 60 * MIN,
      uptimeDayMs: 3 * H,
      uptimeWeekMs: 8 * H,
      downtimeHourMs: 0,
      downtimeDayMs: 0,
      downtimeWeekMs: 0,
    });
  });
});
