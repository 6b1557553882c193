import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@store-monitor/test-support';
import { ingestPolls } from '../src';
import { queryRows } from './support/query-rows';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-ingest-partitions-'));
const HEADER = 'store_id,status,timestamp_utc';

function pollsFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

const query = <T extends object>(sql: string) => queryRows<T>(database.url, sql);

/** Each partition of polls with how many polls it holds. */
const PER_PARTITION = `SELECT c.relname AS name, (SELECT count(*)::int FROM polls p WHERE p.tableoid = c.oid) AS n
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'polls'::regclass ORDER BY 1`;

describe('ingesting polls into weekly partitions', () => {
  it('makes the partition of every week a file reaches, years apart, before it writes', async () => {
    // Batches of two rows: later batches reach weeks the earlier ones did not, inside one load.
    const file = pollsFile('years.csv', [
      'a,active,2023-01-16 00:00:00 UTC',
      'a,inactive,2023-01-15 23:59:59.999999 UTC',
      'b,active,1999-03-01 12:00:00 UTC',
      'b,active,2023-01-17 08:00:00 UTC',
      'c,inactive,2011-06-05 23:59:59 UTC',
      'c,active,2011-06-06 00:00:00.000001 UTC',
      'a,active,2023-01-16 00:00:00.5 UTC',
    ]);
    const summary = await ingestPolls(db, file, { batchPolls: 2, now: Date.UTC(2024, 0, 1) });
    expect(summary).toMatchObject({ read: 7, inserted: 7, updated: 0, duplicates: 0, rejected: 0 });
    expect(await query(PER_PARTITION)).toEqual([
      { name: 'polls_p19990301', n: 1 },
      { name: 'polls_p20110530', n: 1 },
      { name: 'polls_p20110606', n: 1 },
      { name: 'polls_p20230109', n: 1 },
      { name: 'polls_p20230116', n: 3 },
    ]);
    // Loading it again finds every row stored and adds nothing, partitions included.
    const again = await ingestPolls(db, file, { batchPolls: 3, now: Date.UTC(2024, 0, 1) });
    expect(again).toMatchObject({ read: 7, inserted: 0, updated: 0, duplicates: 7 });
    expect(await query(PER_PARTITION)).toHaveLength(5);
  });

  it('lets two loads that reach the same new weeks run at once, each row stored once', async () => {
    const weeks = ['2030-01-07', '2030-01-14', '2030-01-21', '2030-01-28'];
    const first = pollsFile(
      'one.csv',
      weeks.map((day) => `x,active,${day} 10:00:00 UTC`),
    );
    const second = pollsFile(
      'two.csv',
      weeks.map((day) => `y,inactive,${day} 10:00:00 UTC`),
    );
    const summaries = await Promise.all([
      ingestPolls(db, first, { batchPolls: 1, now: Date.UTC(2031, 0, 1) }),
      ingestPolls(db, second, { batchPolls: 1, now: Date.UTC(2031, 0, 1) }),
    ]);
    expect(summaries.map((s) => s.inserted)).toEqual([4, 4]);
    const rows = await query<{ name: string; n: number }>(PER_PARTITION);
    expect(rows.filter((row) => row.name.startsWith('polls_p2030'))).toEqual([
      { name: 'polls_p20300107', n: 2 },
      { name: 'polls_p20300114', n: 2 },
      { name: 'polls_p20300121', n: 2 },
      { name: 'polls_p20300128', n: 2 },
    ]);
  });
});
