import { formatInstant } from '../src';

describe('formatInstant', () => {
  it('is as short as the instant is exact', () => {
    expect(formatInstant(Date.parse('2024-01-10T12:00:00Z'))).toBe('2024-01-10T12:00:00Z');
    expect(formatInstant(Date.parse('2024-01-10T12:00:00.250Z'))).toBe('2024-01-10T12:00:00.250Z');
    expect(formatInstant(Date.parse('2024-01-10T12:00:00.250Z') + 0.5)).toBe('2024-01-10T12:00:00.250500Z');
  });

  it('rounds a finer instant to the microsecond, carrying into the next millisecond', () => {
    const second = Date.parse('2024-04-06T14:15:06Z');
    // A midpoint between two polls 152.9996 ms past the second is 153 ms, not "152" and "1000" µs.
    expect(formatInstant(second + 152.9996)).toBe('2024-04-06T14:15:06.153Z');
    expect(formatInstant(second + 999.9996)).toBe('2024-04-06T14:15:07Z');
    expect(formatInstant(second + 152.0001)).toBe('2024-04-06T14:15:06.152Z');
  });
});
