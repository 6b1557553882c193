import { formatDuration, MAX_GAP_FORMS, parseDuration, parseMaxGap } from '../src';

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

  it.each([
    ['PT2H', 7_200_000],
    ['PT1H30M', 5_400_000],
    ['PT90M', 5_400_000],
    ['PT45S', 45_000],
    ['P1D', 86_400_000],
    ['P1DT2H', 93_600_000],
    ['P2W', 1_209_600_000],
    ['P1DT1H1M1S', 90_061_000],
    ['PT0S', 0],
    [' PT2H ', 7_200_000],
  ])('ISO 8601 %s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '90', '1.5h', '1H', 'h', '1m2h', '1h1h', '1 h', '-1h', '1h x', '1y'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  // Upper case only; no years or months (their length depends on the date); a T needs a time after
  // it and hours, minutes, seconds need the T; whole numbers in order; weeks stand alone.
  it.each([
    'P',
    'PT',
    'P1DT',
    'pt2h',
    'PT2h',
    'Pt2H',
    'P2H',
    'PT1M2H',
    'PT2H2H',
    'P1Y',
    'P1M',
    'PT1.5H',
    'PT1,5H',
    'P1W2D',
    'PT-1H',
    'PT 2H',
    'PT2H30',
    'P1DT2H P',
  ])('refuses the ISO-like %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('reads what formatDuration writes', () => {
    for (const ms of [0, 1_000, 59_000, 3_600_000, 86_400_000 + 61_000, 9 * 86_400_000]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});

describe('parseMaxGap', () => {
  it.each([
    ['90m', 5_400_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['PT2H', 7_200_000],
    ['1s', 1_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseMaxGap(text)).toBe(ms);
  });

  it.each(['0s', 'PT0S', '0h0m', 'P', 'PT', '2h30', '', 'soon', '-2h', '999999999w'])('refuses %p', (text) => {
    expect(parseMaxGap(text)).toBeUndefined();
  });

  it('names both forms in its message text', () => {
    expect(MAX_GAP_FORMS).toBe('a positive duration such as 90m, 2h, 1h30m or PT2H');
  });
});
