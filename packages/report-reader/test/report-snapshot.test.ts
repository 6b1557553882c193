import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@store-monitor/db';
import { ingestHours, ingestPolls, ingestTimeZones } from '@store-monitor/ingest';
import { useTestDatabase } from '@store-monitor/test-support';
import { inSnapshot, reportFromDatabase, reportInSnapshot } from '../src';

const { db } = useTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'report-snapshot-'));
const NOW = Date.parse('2024-01-10T12:00:00Z');
const HOUR = 3_600_000;
const OPTIONS = { policy: 'nearest' as const, asOf: NOW };

function load(
  name: string,
  lines: string[],
  ingest: (db: Database, path: string) => Promise<unknown>,
): Promise<unknown> {
  writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return ingest(db, join(dir, name));
}

const pollsFile = (polls: [string, string, string][]) => [
  'store_id,status,timestamp_utc',
  ...polls.map((poll) => poll.join(',')),
];

beforeAll(async () => {
  // Store "h" is open Mondays 09:00-10:00 UTC. The 49 polls before the week window are all outside
  // those hours, so its evidence (the latest poll inside them) is found only in its whole history.
  await load('zones.csv', ['store_id,timezone_str', 'h,UTC'], ingestTimeZones);
  await load('hours.csv', ['store_id,dayOfWeek,start_time_local,end_time_local', 'h,0,09:00,10:00'], ingestHours);
  const polls: [string, string, string][] = [['h', 'inactive', '2023-12-25T09:30:00Z']];
  for (let hour = 0; hour < 49; hour++)
    polls.push(['h', 'active', new Date(Date.parse('2024-01-01T11:00:00Z') + hour * HOUR).toISOString()]);
  polls.push(['m', 'active', '2024-01-09T12:00:00Z']);
  await load('polls.csv', pollsFile(polls), ingestPolls);
}, 60_000);

describe('a report read inside one snapshot', () => {
  it('says which state of the data it read: the number of loads', async () => {
    expect((await reportFromDatabase(db, OPTIONS)).dataVersion).toBe(3);
  });

  it('sees none of a load committed while it is open, in the streamed polls or in a whole history', async () => {
    const before = await reportFromDatabase(db, OPTIONS);
    const held = await inSnapshot(db, async (snapshot) => {
      // Newer evidence inside business hours for "h", and a store whose id sorts first.
      await load(
        'backfill.csv',
        pollsFile([
          ['h', 'active', '2024-01-01T09:30:00Z'],
          ['!first', 'active', '2024-01-09T12:00:00Z'],
        ]),
        ingestPolls,
      );
      return reportInSnapshot(snapshot, OPTIONS);
    });
    const after = await reportFromDatabase(db, OPTIONS);

    expect(after.rows.map((row) => row.store_id)).toEqual(['!first', 'h', 'm']);
    expect(after.rows[1]).not.toEqual(before.rows[0]);
    expect(held).toEqual(before);
    expect(after.dataVersion).toBe(before.dataVersion + 1);
  });
});
