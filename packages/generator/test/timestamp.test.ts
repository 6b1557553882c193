import { formatClock, formatTimestamp } from '../src';

const micros = (iso: string, fraction = 0) => Date.parse(iso) * 1000 + fraction;

describe('formatTimestamp', () => {
  it('writes the real format with six fraction digits', () => {
    expect(formatTimestamp(micros('2024-04-07T17:09:39Z', 388884))).toBe('2024-04-07 17:09:39.388884 UTC');
  });

  it('drops trailing zeros of the fraction, and the fraction of a whole second', () => {
    expect(formatTimestamp(micros('2023-01-25T18:13:22Z', 479220))).toBe('2023-01-25 18:13:22.47922 UTC');
    expect(formatTimestamp(micros('2024-04-07T17:09:39Z', 500000))).toBe('2024-04-07 17:09:39.5 UTC');
    expect(formatTimestamp(micros('2024-04-07T17:09:39Z', 1))).toBe('2024-04-07 17:09:39.000001 UTC');
    expect(formatTimestamp(micros('2024-04-07T17:09:39Z'))).toBe('2024-04-07 17:09:39 UTC');
  });

  it('gets the date right when dates alternate (the date text is cached)', () => {
    const lastOfMarch = micros('2024-03-31T23:59:59Z', 999999);
    const firstOfApril = micros('2024-04-01T00:00:00Z');
    expect(formatTimestamp(lastOfMarch)).toBe('2024-03-31 23:59:59.999999 UTC');
    expect(formatTimestamp(firstOfApril)).toBe('2024-04-01 00:00:00 UTC');
    expect(formatTimestamp(lastOfMarch)).toBe('2024-03-31 23:59:59.999999 UTC');
  });
});

describe('formatClock', () => {
  it('writes HH:MM:SS or HH:MM', () => {
    expect(formatClock(0, 'HH:MM:SS')).toBe('00:00:00');
    expect(formatClock(9 * 3600 + 5 * 60, 'HH:MM:SS')).toBe('09:05:00');
    expect(formatClock(9 * 3600 + 5 * 60, 'HH:MM')).toBe('09:05');
    expect(formatClock(86399, 'HH:MM:SS')).toBe('23:59:59');
    expect(formatClock(86399, 'HH:MM')).toBe('23:59');
  });
});
