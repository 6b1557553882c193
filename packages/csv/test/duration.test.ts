import { formatDuration, parseDuration } from '../src';

describe('parseDuration', () => {
  it.each([
    ['45s', 45_000],
    ['90m', 5_400_000],
    ['36h', 129_600_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['2h30m', 9_000_000],
    [' 1d12h ', 129_600_000],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '90', '1.5h', '1H', 'h', '1m2h', '1h1h', '1 h', '-1h', '1h x', 'P1D', '1y'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reads what formatDuration writes', () => {
    for (const ms of [0, 1_000, 59_000, 3_600_000, 86_400_000 + 61_000, 9 * 86_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
