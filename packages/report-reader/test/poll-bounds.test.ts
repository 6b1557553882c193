import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ReportRecords, createDatabase } from '@store-monitor/db';
import { ingestPolls } from '@store-monitor/ingest';
import { useTestDatabase } from '@store-monitor/test-support';
import { pollBounds, pollBoundsOf } from '../src';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-bounds-'));
const MIGRATION = join(__dirname, '../../../prisma/migrations/20261203080000_poll_span_and_report_now/migration.sql');

function pollsFile(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `store_id,status,timestamp_utc\n${rows.join('\n')}\n`);
  return path;
}

async function sql<T>(text: string): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(Math.floor(ms)).toISOString());
const spans = () =>
  sql<{ id: string; first: string; last: string }>(
    `SELECT id, to_char(first_poll_at AT TIME ZONE 'UTC', 'MM-DD HH24:MI:SS.US') AS first,
            to_char(last_poll_at AT TIME ZONE 'UTC', 'MM-DD HH24:MI:SS.US') AS last FROM stores ORDER BY id`,
  );

describe('poll bounds: the first and latest poll, kept per store by ingest', () => {
  it('are undefined before any poll', async () => {
    expect(await pollBounds(db)).toBeUndefined();
  });

  it('span the first file', async () => {
    await ingestPolls(
      db,
      pollsFile('a.csv', [
        's1,active,2023-01-20 10:00:00.000001 UTC',
        's1,active,2023-01-21 10:00:00 UTC',
        's2,inactive,2023-01-20 12:00:00 UTC',
      ]),
    );
    expect(await spans()).toEqual([
      { id: 's1', first: '01-20 10:00:00.000001', last: '01-21 10:00:00.000000' },
      { id: 's2', first: '01-20 12:00:00.000000', last: '01-20 12:00:00.000000' },
    ]);
    const bounds = await pollBounds(db);
    expect(bounds).toEqual({
      firstMs: Date.parse('2023-01-20T10:00:00Z') + 0.001,
      lastMs: Date.parse('2023-01-21T10:00:00Z'),
    });
  });

  it('widen both ways with a backfill and an append, and a new store', async () => {
    await ingestPolls(
      db,
      pollsFile('b.csv', [
        's1,inactive,2023-01-19 09:00:00 UTC',
        's1,active,2023-01-22 09:00:00 UTC',
        's3,active,2023-01-21 00:00:00 UTC',
      ]),
    );
    expect(await spans()).toEqual([
      { id: 's1', first: '01-19 09:00:00.000000', last: '01-22 09:00:00.000000' },
      { id: 's2', first: '01-20 12:00:00.000000', last: '01-20 12:00:00.000000' },
      { id: 's3', first: '01-21 00:00:00.000000', last: '01-21 00:00:00.000000' },
    ]);
  });

  it('stay as they are for rows inside them, and read the same through Prisma', async () => {
    await ingestPolls(
      db,
      pollsFile('c.csv', ['s1,active,2023-01-20 00:00:00 UTC', 's2,active,2023-01-20 12:00:00 UTC']),
    );
    const bounds = await pollBounds(db);
    expect([iso(bounds?.firstMs), iso(bounds?.lastMs)]).toEqual([
      '2023-01-19T09:00:00.000Z',
      '2023-01-22T09:00:00.000Z',
    ]);
    const { prisma, close } = createDatabase(database.url);
    try {
      expect(await pollBoundsOf(prisma)).toEqual(bounds);
    } finally {
      await close();
    }
  });
});

describe('the migration that adds them', () => {
  it('backfills first polls from the stored polls, and now from as_of', async () => {
    const { prisma, close } = createDatabase(database.url);
    try {
      const records = new ReportRecords(prisma);
      const given = await records.create({ asOf: new Date('2023-01-21T00:00:00Z'), policy: 'nearest' });
      const latest = await records.create({ asOf: null, policy: 'nearest' });
      // The columns as they were before it; its own SQL then runs as `migrate deploy` would.
      await sql('ALTER TABLE stores DROP COLUMN first_poll_at; ALTER TABLE reports DROP COLUMN now');
      await sql(readFileSync(MIGRATION, 'utf8'));
      expect((await spans()).map((s) => s.first)).toEqual([
        '01-19 09:00:00.000000',
        '01-20 12:00:00.000000',
        '01-21 00:00:00.000000',
      ]);
      expect((await records.get(given.id))?.now?.toISOString()).toBe('2023-01-21T00:00:00.000Z');
      expect((await records.get(latest.id))?.now).toBeNull();
    } finally {
      await close();
    }
  });
});

describe('ReportRecords keep as_of and now to the microsecond', () => {
  it('from create, through get and page', async () => {
    const { prisma, close } = createDatabase(database.url);
    try {
      const records = new ReportRecords(prisma);
      const asOfMs = Date.parse('2023-01-24T09:06:42.605Z') + 0.777;
      const created = await records.create({ asOf: asOfMs, policy: 'nearest' });
      expect(created).toMatchObject({ asOfMs, nowMs: null });
      await records.setNow(created.id, asOfMs);
      const got = await records.get(created.id);
      expect([got?.asOfMs, got?.nowMs]).toEqual([asOfMs, asOfMs]);
      const listed = (await records.page(0, 100)).reports.find((report) => report.id === created.id);
      expect([listed?.asOfMs, listed?.nowMs]).toEqual([asOfMs, asOfMs]);
    } finally {
      await close();
    }
  });

  it('setNow sets the now once', async () => {
    const { prisma, close } = createDatabase(database.url);
    try {
      const records = new ReportRecords(prisma);
      const report = await records.create({ asOf: null, policy: 'forward' });
      await records.setNow(report.id, Date.parse('2023-01-25T18:13:22.479Z') + 0.22);
      await records.setNow(report.id, Date.parse('2024-01-01T00:00:00Z'));
      const [row] = await sql<{ now: string }>(
        `SELECT to_char(now AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS now FROM reports WHERE id = '${report.id}'`,
      );
      expect(row.now).toBe('2023-01-25 18:13:22.479220');
    } finally {
      await close();
    }
  });
});
