import { parseTimestamp } from '@store-monitor/csv';
import { microsFromMs, microsFromPg, msFromMicros, pgHalves } from '../src/instants';

describe('instants between PostgreSQL and the engine', () => {
  it.each([
    '2023-01-22 12:09:39.388884 UTC',
    '2023-01-22 12:09:39.999999 UTC',
    '2023-01-22 12:09:40 UTC',
    '2000-01-01 00:00:00.000001 UTC',
    '1999-12-31 23:59:59.999999 UTC',
    '1969-12-31 23:59:59.5 UTC',
    '2199-12-31 23:59:59.999999 UTC',
  ])('gives for %s the very double the CSV reader gives, both ways', (text) => {
    const ms = parseTimestamp(text)!;
    const us = microsFromMs(ms);
    expect(Number.isSafeInteger(us)).toBe(true);
    expect(msFromMicros(us)).toBe(ms);
    const [high, low] = pgHalves(us);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(low).toBeLessThan(2 ** 32);
    expect(microsFromPg(high, low)).toBe(us);
  });

  it('splits a binary timestamptz as PostgreSQL writes it', () => {
    // 2000-01-01T00:00:00.000001Z is 1 µs after PostgreSQL's epoch; one µs before it is -1.
    expect(pgHalves(946_684_800_000_001)).toEqual([0, 1]);
    expect(pgHalves(946_684_799_999_999)).toEqual([-1, 2 ** 32 - 1]);
  });
});
