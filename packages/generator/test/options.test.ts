import { DEFAULT_GENERATE_OPTIONS, pollWindow, resolveOptions, validateOptions } from '../src';

describe('DEFAULT_GENERATE_OPTIONS', () => {
  it('is 200 stores over 8 days ending 2024-04-07 00:30 UTC, seed 1, special days for 10%', () => {
    expect(DEFAULT_GENERATE_OPTIONS).toEqual({
      stores: 200,
      days: 8,
      seed: 1,
      end: Date.parse('2024-04-07T00:30:00Z'),
      specialDaysPercent: 10,
    });
  });

  it('spans the European spring-forward and the Australian fall-back', () => {
    const { startMicros, endMicros } = pollWindow(DEFAULT_GENERATE_OPTIONS);
    expect(new Date(startMicros / 1000).toISOString()).toBe('2024-03-30T00:30:00.000Z');
    // Europe springs forward at 01:00 UTC on 2024-03-31.
    expect(startMicros).toBeLessThan(Date.parse('2024-03-31T01:00:00Z') * 1000);
    // Sydney falls back at 03:00 local (16:00 UTC on 2024-04-06), Lord Howe at 02:00 local (15:00 UTC).
    expect(endMicros).toBeGreaterThan(Date.parse('2024-04-06T16:00:00Z') * 1000);
    // The report's week window (168 h before the last poll) holds both changes too.
    expect(endMicros - 168 * 3_600_000_000).toBeLessThan(Date.parse('2024-03-31T01:00:00Z') * 1000);
  });
});

describe('resolveOptions', () => {
  it('fills what is missing or undefined from the defaults', () => {
    expect(resolveOptions({ stores: 5, seed: undefined })).toEqual({ ...DEFAULT_GENERATE_OPTIONS, stores: 5 });
    expect(resolveOptions()).toEqual(DEFAULT_GENERATE_OPTIONS);
  });

  it('keeps the real-file paths', () => {
    expect(resolveOptions({ hoursFrom: 'h.csv', timezonesFrom: 'z.csv' })).toMatchObject({
      hoursFrom: 'h.csv',
      timezonesFrom: 'z.csv',
    });
  });

  it.each([
    [{ stores: 0 }, /stores/],
    [{ stores: 2.5 }, /stores/],
    [{ days: 0 }, /days/],
    [{ days: Number.NaN }, /days/],
    [{ seed: 0.5 }, /seed/],
    [{ end: Number.POSITIVE_INFINITY }, /end/],
    [{ specialDaysPercent: -1 }, /specialDaysPercent/],
    [{ specialDaysPercent: 100.5 }, /specialDaysPercent/],
    [{ specialDaysPercent: Number.NaN }, /specialDaysPercent/],
  ])('rejects %j', (partial, message) => {
    expect(() => resolveOptions(partial)).toThrow(message);
    expect(() => validateOptions({ ...DEFAULT_GENERATE_OPTIONS, ...partial })).toThrow(RangeError);
  });
});
