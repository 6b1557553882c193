import { Client } from 'pg';
import { useTestDatabase } from '@store-monitor/test-support';
import { ensurePollPartitions, weekStartUs, weeksReached } from '../src';

const DAY_US = 86_400_000_000;
const us = (iso: string): number => Date.parse(iso) * 1000;

describe('weeks', () => {
  it('start on the Monday 00:00 UTC at or before the instant', () => {
    expect(weekStartUs(0)).toBe(-3 * DAY_US);
    expect(weekStartUs(us('2023-01-16T00:00:00Z'))).toBe(us('2023-01-16T00:00:00Z'));
    expect(weekStartUs(us('2023-01-16T00:00:00Z') - 1)).toBe(us('2023-01-09T00:00:00Z'));
    expect(weekStartUs(us('2023-01-22T23:59:59.999Z') + 999)).toBe(us('2023-01-16T00:00:00Z'));
    expect(weekStartUs(-1)).toBe(-3 * DAY_US);
    expect(weekStartUs(-3 * DAY_US - 1)).toBe(-10 * DAY_US);
  });

  it('reached by a batch are listed once each, in order', () => {
    const batch = new Float64Array([
      us('2023-01-20T00:00:00Z'),
      us('2021-03-01T00:00:00Z'),
      us('2023-01-17T05:00:00Z'),
      0,
    ]);
    expect(weeksReached(batch, 3)).toEqual([us('2021-03-01T00:00:00Z'), us('2023-01-16T00:00:00Z')]);
  });
});

describe('ensurePollPartitions', () => {
  const { url, db } = useTestDatabase();

  it('makes the missing weeks only, also when two sessions ask at once', async () => {
    const weeks = [us('2023-01-18T00:00:00Z'), us('2023-01-25T00:00:00Z'), us('2024-02-29T12:00:00Z')];
    const made = await Promise.all([ensurePollPartitions(db, weeks), ensurePollPartitions(db, weeks)]);
    expect(made.sort()).toEqual([0, 3]);
    expect(await ensurePollPartitions(db, [us('2023-01-22T23:59:59Z'), us('2023-01-30T00:00:00Z')])).toBe(1);
    expect(await ensurePollPartitions(db, [])).toBe(0);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'polls'::regclass ORDER BY 1`,
      );
      expect(rows.map((r) => r.relname)).toEqual([
        'polls_p20230116',
        'polls_p20230123',
        'polls_p20230130',
        'polls_p20240226',
      ]);
    } finally {
      await client.end();
    }
  });
});
