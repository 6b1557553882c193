import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Reject } from '@store-monitor/csv';
import { useTestDatabase } from '@store-monitor/test-support';
import { ingestSpecialHours } from '../src';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-special-'));
const file = (name: string, lines: string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

async function query<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

interface Row {
  store_id: string;
  date: string;
  start_ms: number | null;
  end_ms: number | null;
}

const stored = (): Promise<Row[]> =>
  query<Row>(`SELECT store_id, to_char(date, 'YYYY-MM-DD') AS date, start_ms, end_ms FROM special_hours
    ORDER BY store_id, date, start_ms NULLS FIRST`);

const dataVersion = async (): Promise<number> =>
  (await query<{ n: number }>('SELECT count(*)::int AS n FROM ingestion_runs'))[0].n;

const HEADER = 'store_id,date,start_time_local,end_time_local';
const H = 3_600_000;

describe('ingesting special days', () => {
  const first = file('special1.csv', [
    HEADER,
    'a,2024-12-24,09:00,14:00',
    'a,2024-12-24,18:00,22:00',
    'a,2024-12-25,,',
    'a,2024-02-30,09:00,10:00',
    'b,2024-12-31,22:00,02:00',
    'b,2025-01-01,09:00,',
    'b,2025-01-02,25:00,26:00',
  ]);

  it('loads every good row, closed dates as two null times, and lists every bad one with its line', async () => {
    const rejects: Reject[] = [];
    const summary = await ingestSpecialHours(db, first, { onReject: (r) => rejects.push(r) });
    expect(summary).toMatchObject({
      kind: 'special hours',
      source: first,
      read: 7,
      inserted: 4,
      updated: 0,
      duplicates: 0,
      rejected: 3,
    });
    expect(rejects.map((r) => [r.file, r.line])).toEqual([
      [first, 5],
      [first, 7],
      [first, 8],
    ]);
    expect(rejects[0].reason).toMatch(/date/);
    expect(rejects[1].reason).toMatch(/end_time_local/);
    expect(rejects[2].reason).toMatch(/start_time_local/);
    expect(await stored()).toEqual([
      { store_id: 'a', date: '2024-12-24', start_ms: 9 * H, end_ms: 14 * H },
      { store_id: 'a', date: '2024-12-24', start_ms: 18 * H, end_ms: 22 * H },
      { store_id: 'a', date: '2024-12-25', start_ms: null, end_ms: null },
      { store_id: 'b', date: '2024-12-31', start_ms: 22 * H, end_ms: 2 * H },
    ]);
    expect(await query('SELECT id FROM stores ORDER BY id')).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('adds nothing the second time, closed rows included, but counts as a load', async () => {
    const version = await dataVersion();
    expect(await ingestSpecialHours(db, first)).toMatchObject({ read: 7, inserted: 0, duplicates: 4, rejected: 3 });
    expect(await stored()).toHaveLength(4);
    expect(await dataVersion()).toBe(version + 1);
  });

  it('replaces a store\u2019s rows for the dates a newer file names and keeps its other dates', async () => {
    const newer = file('special2.csv', [
      'store_id,date,end_time_local,start_time_local',
      'a,2024-12-25,12:00,10:00',
      'a,2024-12-26,,',
      'a,2024-12-26,13:00,11:00',
    ]);
    const version = await dataVersion();
    expect(await ingestSpecialHours(db, newer)).toMatchObject({ read: 3, inserted: 3, duplicates: 0, rejected: 0 });
    expect(await stored()).toEqual([
      { store_id: 'a', date: '2024-12-24', start_ms: 9 * H, end_ms: 14 * H },
      { store_id: 'a', date: '2024-12-24', start_ms: 18 * H, end_ms: 22 * H },
      { store_id: 'a', date: '2024-12-25', start_ms: 10 * H, end_ms: 12 * H },
      { store_id: 'a', date: '2024-12-26', start_ms: null, end_ms: null },
      { store_id: 'a', date: '2024-12-26', start_ms: 11 * H, end_ms: 13 * H },
      { store_id: 'b', date: '2024-12-31', start_ms: 22 * H, end_ms: 2 * H },
    ]);
    expect(await dataVersion()).toBe(version + 1);
  });

  it('counts a date\u2019s unchanged rows as duplicates and its new ones as inserted', async () => {
    const partly = file('special3.csv', [HEADER, 'a,2024-12-24,09:00,14:00', 'a,2024-12-24,15:00,16:00']);
    expect(await ingestSpecialHours(db, partly)).toMatchObject({ read: 2, inserted: 1, duplicates: 1 });
    const dates = (await stored()).filter((r) => r.date === '2024-12-24');
    expect(dates.map((r) => [r.start_ms, r.end_ms])).toEqual([
      [9 * H, 14 * H],
      [15 * H, 16 * H],
    ]);
  });

  it('takes a stream, like an upload, and records the source its caller names', async () => {
    const bytes = (async function* () {
      yield `${HEADER}\r\n`;
      yield 'c,2024-07-04,,\r\n';
    })();
    const summary = await ingestSpecialHours(db, { name: 'upload.csv', bytes }, { source: 'POST /special_hours' });
    expect(summary).toMatchObject({ source: 'POST /special_hours', read: 1, inserted: 1 });
    expect((await stored()).filter((r) => r.store_id === 'c')).toEqual([
      { store_id: 'c', date: '2024-07-04', start_ms: null, end_ms: null },
    ]);
    const [run] = await query('SELECT source, kind, read, inserted FROM ingestion_runs ORDER BY id DESC LIMIT 1');
    expect(run).toEqual({ source: 'POST /special_hours', kind: 'special hours', read: 1, inserted: 1 });
  });

  it('leaves the database as it was when the file cannot be read', async () => {
    const before = await stored();
    const version = await dataVersion();
    const headless = file('special-bad.csv', ['store_id,day,start_time_local,end_time_local', 'a,2024-12-24,,']);
    await expect(ingestSpecialHours(db, headless)).rejects.toThrow(/date/);
    await expect(ingestSpecialHours(db, join(dir, 'missing.csv'))).rejects.toThrow(/cannot read special hours file/);
    expect(await stored()).toEqual(before);
    expect(await dataVersion()).toBe(version);
  });
});
