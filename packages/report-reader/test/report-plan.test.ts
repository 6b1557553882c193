import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPolls, ingestTimeZones } from '@store-monitor/ingest';
import { useTestDatabase } from '@store-monitor/test-support';
import { planReport, reportFromDatabase } from '../src';

const { db } = useTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'report-plan-'));

// Ids chosen so byte order differs from a linguistic collation: 'B' < 'a' < 'b' < 'é' bytewise.
const STORES = ['a-1', 'B-2', 'b-3', 'é-4', 'a-10', 'Z', "o'quote", 'tab\\x'];

beforeAll(async () => {
  const polls = ['store_id,status,timestamp_utc'];
  STORES.forEach((id, i) => {
    for (let h = 0; h < 30; h++) {
      const at = new Date(Date.parse('2024-01-10T00:00:00Z') + h * 3_600_000 + i * 60_000).toISOString();
      polls.push(`"${id.replace(/"/g, '""')}",${(h + i) % 3 ? 'active' : 'inactive'},${at}`);
    }
  });
  writeFileSync(join(dir, 'polls.csv'), `${polls.join('\n')}\n`);
  writeFileSync(join(dir, 'zones.csv'), `store_id,timezone_str\n"é-4",Asia/Kolkata\n`);
  await ingestPolls(db, join(dir, 'polls.csv'));
  await ingestTimeZones(db, join(dir, 'zones.csv'));
}, 120_000);

describe('planReport', () => {
  it('splits the stores into consecutive byte-ordered ranges, the first and last open-ended, and resolves now to the latest poll', async () => {
    const plan = await planReport(db, 3);
    const sorted = [...STORES].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(plan.ranges).toEqual([
      { from: null, to: sorted[3] },
      { from: sorted[3], to: sorted[6] },
      { from: sorted[6], to: null },
    ]);
    expect(plan.now).toBe(Date.parse('2024-01-11T05:07:00Z'));
    expect((await planReport(db, 3, 123)).now).toBe(123);
  });

  it('gives, chunk by chunk, exactly the rows of the whole report', async () => {
    const whole = await reportFromDatabase(db, { policy: 'nearest' });
    const plan = await planReport(db, 3);
    const parts = [];
    for (const stores of plan.ranges)
      parts.push(...(await reportFromDatabase(db, { policy: 'nearest', asOf: plan.now, stores })).rows);
    expect(whole.rows).toHaveLength(STORES.length);
    expect(parts).toEqual(whole.rows);
  });

  it('refuses a chunk size that is not a positive integer', async () => {
    await expect(planReport(db, 0)).rejects.toThrow('chunk size must be a positive integer, got 0');
  });
});
