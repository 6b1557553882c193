import { BusinessCalendar, ZoneClock, spanOfRow, mergeIntervals, type HoursRow } from '../src';

const H = 3_600_000;
const M = 60_000;
const S = 1_000;
const utc = (iso: string): number => Date.parse(iso);

describe('spanOfRow reads a row by the contract', () => {
  it.each([
    ['a plain day', 9 * H, 17 * H, 9 * H, 17 * H],
    ['overnight: an end before the start runs into the next day', 22 * H, 2 * H, 22 * H, 26 * H],
    ['start equal to end is the whole day', 9 * H, 9 * H, 0, 24 * H],
    ['23:59 means midnight', 11 * H, 23 * H + 59 * M, 11 * H, 24 * H],
    ['23:59:59 means midnight', 0, 23 * H + 59 * M + 59 * S, 0, 24 * H],
    ['24:00 is midnight', 10 * H, 24 * H, 10 * H, 24 * H],
    ['23:58:59 is kept', 10 * H, 23 * H + 58 * M + 59 * S, 10 * H, 23 * H + 58 * M + 59 * S],
  ])('%s', (_name, startMs, endMs, expectedStart, expectedEnd) => {
    expect(spanOfRow({ startMs, endMs })).toEqual({ startMs: expectedStart, endMs: expectedEnd });
  });
});

describe('BusinessCalendar', () => {
  const row = (day: number, start: number, end: number): HoursRow => ({
    storeId: 's',
    day,
    startMs: start,
    endMs: end,
  });
  const chicago = new ZoneClock('America/Chicago');

  it('is open 24x7 without rows', () => {
    const calendar = new BusinessCalendar([], chicago);
    expect(calendar.alwaysOpen).toBe(true);
    expect(calendar.intervalsBetween(0, 10)).toEqual([{ start: 0, end: 10 }]);
  });

  it('is closed on weekdays without rows', () => {
    // Monday only; 2024-01-09 is a Tuesday.
    const calendar = new BusinessCalendar([row(0, 9 * H, 17 * H)], chicago);
    expect(calendar.isOpenAt(utc('2024-01-09T16:00:00Z'))).toBe(false);
    expect(calendar.isOpenAt(utc('2024-01-08T16:00:00Z'))).toBe(true);
  });

  it('carries an overnight Sunday span into Monday morning', () => {
    // Sunday 22:00 - Monday 02:00 Chicago (UTC-6) = 2024-01-08 04:00Z .. 08:00Z.
    const calendar = new BusinessCalendar([row(6, 22 * H, 2 * H)], chicago);
    expect(calendar.intervalsBetween(utc('2024-01-08T06:00:00Z'), utc('2024-01-08T12:00:00Z'))).toEqual([
      { start: utc('2024-01-08T04:00:00Z'), end: utc('2024-01-08T08:00:00Z') },
    ]);
    expect(calendar.isOpenAt(utc('2024-01-08T07:59:59Z'))).toBe(true);
    expect(calendar.isOpenAt(utc('2024-01-08T08:00:00Z'))).toBe(false);
  });

  it('merges overlapping rows and rows split at midnight', () => {
    const calendar = new BusinessCalendar(
      [row(0, 9 * H, 12 * H), row(0, 11 * H, 14 * H), row(0, 20 * H, 24 * H), row(1, 0, 3 * H)],
      chicago,
    );
    // Monday 2024-01-08 in Chicago is UTC-6.
    expect(calendar.intervalsBetween(utc('2024-01-08T00:00:00Z'), utc('2024-01-10T00:00:00Z'))).toEqual([
      { start: utc('2024-01-08T15:00:00Z'), end: utc('2024-01-08T20:00:00Z') },
      { start: utc('2024-01-09T02:00:00Z'), end: utc('2024-01-09T09:00:00Z') },
    ]);
  });

  it('gives a 01:30-03:30 day on a spring-forward date one real hour', () => {
    // Sunday 2024-03-10 in New York: 01:30 EST = 06:30Z; 03:30 EDT = 07:30Z.
    const calendar = new BusinessCalendar([row(6, 90 * M, 210 * M)], new ZoneClock('America/New_York'));
    expect(calendar.intervalsBetween(utc('2024-03-09T00:00:00Z'), utc('2024-03-12T00:00:00Z'))).toEqual([
      { start: utc('2024-03-10T06:30:00Z'), end: utc('2024-03-10T07:30:00Z') },
    ]);
  });
});

describe('mergeIntervals', () => {
  it('joins touching and nested intervals and sorts them', () => {
    expect(
      mergeIntervals([
        { start: 5, end: 7 },
        { start: 0, end: 2 },
        { start: 2, end: 3 },
        { start: 5, end: 6 },
      ]),
    ).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 7 },
    ]);
  });
});
