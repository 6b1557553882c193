import { END_OF_DAY_MS, parseClockTime } from '../src';

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 34_200_000],
    ['23:59', 86_340_000],
    ['00:00:00', 0],
    ['23:59:59', 86_399_000],
    ['12:34:56', 45_296_000],
    ['12:34:56.5', 45_296_500],
    ['12:34:56.123', 45_296_123],
    ['12:34:56.123456', 45_296_000 + 123456 / 1000],
    ['23:59:59.999999', 86_399_000 + 999999 / 1000],
  ])('reads %s as %d ms after midnight', (text, ms) => {
    expect(parseClockTime(text)).toBe(ms);
  });

  it.each(['24:00', '24:00:00', '24:00:00.000', '24:00:00.000000'])('reads %s as the end of the day', (text) => {
    expect(parseClockTime(text)).toBe(END_OF_DAY_MS);
    expect(END_OF_DAY_MS).toBe(86_400_000);
  });

  it.each([
    ['24:01', 'past 24:00'],
    ['24:00:01', 'past 24:00 by a second'],
    ['24:00:00.000001', 'past 24:00 by a microsecond'],
    ['25:00', 'hour 25'],
    ['12:60', 'minute 60'],
    ['12:00:60', 'second 60'],
    ['9:00', 'one-digit hour'],
    ['09:0', 'one-digit minute'],
    ['09:00:0', 'one-digit second'],
    ['09:00:00.', 'dot without digits'],
    ['09:00:00.1234567', 'seven fraction digits'],
    ['09:00:00,5', 'comma as decimal mark'],
    ['09-00', 'dash'],
    ['0900', 'no colon'],
    ['09:00 AM', 'AM/PM'],
    ['-1:00', 'negative'],
    ['', 'empty'],
  ])('rejects %s (%s)', (text) => {
    expect(parseClockTime(text)).toBeNull();
  });
});
