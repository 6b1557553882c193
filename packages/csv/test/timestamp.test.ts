import { parseTimestamp } from '../src';

/** Expected values are built the same way the parser documents: whole ms plus micros / 1000. */
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number, micros = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s) + micros / 1000;

describe('parseTimestamp: the data set form', () => {
  it('reads six fraction digits as microseconds', () => {
    expect(parseTimestamp('2023-01-22 12:09:39.388884 UTC')).toBe(utc(2023, 1, 22, 12, 9, 39, 388884));
  });

  it.each([
    ['2023-01-22 12:09:39 UTC', 0],
    ['2023-01-22 12:09:39.3 UTC', 300000],
    ['2023-01-22 12:09:39.38 UTC', 380000],
    ['2023-01-22 12:09:39.388 UTC', 388000],
    ['2023-01-22 12:09:39.3888 UTC', 388800],
    ['2023-01-22 12:09:39.38888 UTC', 388880],
    ['2023-01-22 12:09:39.388884 UTC', 388884],
  ])('reads %s (0 to 6 fraction digits)', (text, micros) => {
    expect(parseTimestamp(text)).toBe(utc(2023, 1, 22, 12, 9, 39, micros));
  });

  it('keeps the fraction exactly for a value with trailing zeros dropped', () => {
    expect(parseTimestamp('2024-10-14 23:55:18.727055 UTC')).toBe(utc(2024, 10, 14, 23, 55, 18, 727055));
    expect(parseTimestamp('2023-01-25 18:13:22.47922 UTC')).toBe(utc(2023, 1, 25, 18, 13, 22, 479220));
  });
});

describe('parseTimestamp: ISO 8601', () => {
  it.each([
    ['2023-01-22T12:09:39.388884Z'],
    ['2023-01-22T12:09:39.388884z'],
    ['2023-01-22t12:09:39.388884Z'],
    ['2023-01-22 12:09:39.388884Z'],
    ['2023-01-22T12:09:39.388884+00:00'],
    ['2023-01-22T12:09:39.388884-00:00'],
    ['2023-01-22T12:09:39.388884+0000'],
    ['2023-01-22T12:09:39.388884+00'],
  ])('reads %s as UTC', (text) => {
    expect(parseTimestamp(text)).toBe(utc(2023, 1, 22, 12, 9, 39, 388884));
  });

  it('subtracts an offset east of UTC and adds one west of it', () => {
    expect(parseTimestamp('2023-01-22T17:39:39+05:30')).toBe(utc(2023, 1, 22, 12, 9, 39));
    expect(parseTimestamp('2023-01-22T04:09:39-0800')).toBe(utc(2023, 1, 22, 12, 9, 39));
    expect(parseTimestamp('2023-01-22T17:09:39+05')).toBe(utc(2023, 1, 22, 12, 9, 39));
    expect(parseTimestamp('2023-01-22 17:39:39.5+05:30')).toBe(utc(2023, 1, 22, 12, 9, 39, 500000));
  });

  it('crosses midnight and the year end with an offset', () => {
    expect(parseTimestamp('2023-01-01T01:00:00+02:00')).toBe(utc(2022, 12, 31, 23, 0, 0));
    expect(parseTimestamp('2023-12-31T20:00:00-05:00')).toBe(utc(2024, 1, 1, 1, 0, 0));
  });

  it('matches Date.UTC across eras and leap days', () => {
    expect(parseTimestamp('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseTimestamp('1969-12-31T23:59:59Z')).toBe(-1000);
    expect(parseTimestamp('2000-02-29T12:00:00Z')).toBe(utc(2000, 2, 29, 12, 0, 0));
    expect(parseTimestamp('2024-02-29 00:00:00 UTC')).toBe(utc(2024, 2, 29, 0, 0, 0));
    expect(parseTimestamp('1600-03-01T00:00:00Z')).toBe(utc(1600, 3, 1, 0, 0, 0));
    expect(parseTimestamp('9999-12-31T23:59:59.999999Z')).toBe(utc(9999, 12, 31, 23, 59, 59, 999999));
  });

  it('reads years 1 to 99 as themselves, not as 1901 to 1999 (as Date.UTC would)', () => {
    for (const text of [
      '0001-01-01T00:00:00Z',
      '0050-06-15T12:00:00Z',
      '0099-12-31T23:59:59Z',
      '0100-02-28T00:00:00Z',
    ]) {
      expect(parseTimestamp(text)).toBe(Date.parse(text)); // ISO text with four year digits is read as written
    }
    expect(new Date(parseTimestamp('0050-06-15 12:00:00 UTC')!).getUTCFullYear()).toBe(50);
  });

  it('agrees with Date.UTC on every day of a leap and a common year', () => {
    for (const year of [2023, 2024]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const iso = new Date(t + 45_296_000).toISOString(); // 12:34:56.000
        expect(parseTimestamp(iso)).toBe(t + 45_296_000);
      }
    }
  });
});

describe('parseTimestamp: invalid', () => {
  it.each([
    ['2023-02-29 00:00:00 UTC', 'no 29 February in a common year'],
    ['1900-02-29 00:00:00 UTC', 'no 29 February in a century year'],
    ['2023-04-31 00:00:00 UTC', 'April has 30 days'],
    ['2023-13-01 00:00:00 UTC', 'month 13'],
    ['2023-00-10 00:00:00 UTC', 'month 0'],
    ['2023-01-00 00:00:00 UTC', 'day 0'],
    ['2023-01-32 00:00:00 UTC', 'day 32'],
    ['2023-01-22 24:00:00 UTC', 'hour 24'],
    ['2023-01-22 12:60:00 UTC', 'minute 60'],
    ['2023-01-22 12:00:60 UTC', 'second 60'],
    ['2023-01-22 12:09:39.1234567 UTC', 'seven fraction digits'],
    ['2023-01-22 12:09:39. UTC', 'a dot without digits'],
    ['2023-01-22 12:09:39', 'no zone'],
    ['2023-01-22T12:09:39', 'no zone (ISO)'],
    ['2023-01-22 12:09:39 utc', 'lowercase utc'],
    ['2023-01-22 12:09:39  UTC', 'two spaces before UTC'],
    ['2023-01-22 12:09:39 UTC ', 'trailing text (fields are trimmed before parsing)'],
    ['2023-01-22 12:09:39 GMT', 'another zone name'],
    ['2023-01-22T12:09:39+24:00', 'offset hour 24'],
    ['2023-01-22T12:09:39+05:60', 'offset minute 60'],
    ['2023-01-22T12:09:39+5:30', 'one-digit offset hour'],
    ['2023-01-22T12:09:39+05:3', 'one-digit offset minute'],
    ['2023-01-22T12:09:39+05:300', 'offset too long'],
    ['2023-01-22T12:09:39ZZ', 'two Zs'],
    ['2023-1-22 12:09:39 UTC', 'one-digit month'],
    ['2023/01/22 12:09:39 UTC', 'slashes'],
    ['2023-01-22_12:09:39 UTC', 'odd separator'],
    ['2023-01-22 12.09.39 UTC', 'dots in the time'],
    ['+2023-01-22T12:09:39Z', 'signed year'],
    ['2023-01-22', 'date only'],
    ['', 'empty'],
    ['not a timestamp at all', 'words'],
    ['1674389379388', 'epoch number'],
  ])('rejects %s (%s)', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });
});
