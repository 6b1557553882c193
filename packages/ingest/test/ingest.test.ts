import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Reject } from '@store-monitor/csv';
import { useTestDatabase } from '@store-monitor/test-support';
import { ingestHours, ingestPolls, ingestTimeZones, type IngestSummary } from '../src';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-ingest-'));
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

describe('ingesting polls', () => {
  const polls = file('polls.csv', [
    'store_id,status,timestamp_utc',
    '1,active,2023-01-22 12:09:39.388884 UTC',
    '1,sleeping,2023-01-22 13:00:00 UTC',
    '2,inactive,2023-01-22T13:00:00Z',
    '2,active,not a time',
    '2,active,2023-01-22 13:00:00 UTC',
  ]);

  it('loads every good row, lists every bad one with its line, and keeps the later of two at one instant', async () => {
    const rejects: Reject[] = [];
    const summary = await ingestPolls(db, polls, { onReject: (r) => rejects.push(r) });
    expect(summary).toMatchObject({ kind: 'polls', read: 5, inserted: 2, updated: 0, duplicates: 1, rejected: 2 });
    expect(rejects.map((r) => r.line)).toEqual([3, 5]);
    const rows = await query<{ store_id: string; us: string; active: boolean }>(
      `SELECT store_id, (extract(epoch FROM at) * 1000000)::bigint::text AS us, active FROM polls ORDER BY store_id, at`,
    );
    expect(rows).toEqual([
      { store_id: '1', us: '1674389379388884', active: true },
      { store_id: '2', us: '1674392400000000', active: true },
    ]);
  });

  it('adds nothing the second time', async () => {
    const summary = await ingestPolls(db, polls);
    expect(summary).toMatchObject({ inserted: 0, updated: 0, duplicates: 3, rejected: 2 });
    expect(await query<{ n: number }>('SELECT count(*)::int AS n FROM polls')).toEqual([{ n: 2 }]);
  });

  it('appends new polls and lets a newer file change a poll at an instant already known', async () => {
    const newer = file('newer.csv', [
      'timestamp_utc,store_id,status',
      '2023-01-22 14:00:00 UTC,1,inactive',
      '2023-01-22 13:00:00 UTC,2,inactive',
    ]);
    const summary = await ingestPolls(db, newer);
    expect(summary).toMatchObject({ inserted: 1, updated: 1, duplicates: 0 });
    expect(await query<{ n: number }>('SELECT count(*)::int AS n FROM polls')).toEqual([{ n: 3 }]);
    const runs = await query<{ kind: string; inserted: number }>(
      'SELECT kind, inserted FROM ingestion_runs ORDER BY id',
    );
    expect(runs).toEqual([
      { kind: 'polls', inserted: 2 },
      { kind: 'polls', inserted: 0 },
      { kind: 'polls', inserted: 1 },
    ]);
  });

  it('leaves the database as it was when a file fails midway', async () => {
    await query(
      `CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql`,
    );
    await query(
      `CREATE TRIGGER refuse_boom BEFORE INSERT ON polls FOR EACH ROW WHEN (NEW.store_id = 'boom') EXECUTE FUNCTION refuse()`,
    );
    const failing = file('failing.csv', [
      'store_id,status,timestamp_utc',
      '3,active,2023-01-22 15:00:00 UTC',
      'boom,active,2023-01-22 15:00:00 UTC',
    ]);
    await expect(ingestPolls(db, failing)).rejects.toThrow(/refused/);
    expect(await query<{ n: number }>(`SELECT count(*)::int AS n FROM stores WHERE id IN ('3', 'boom')`)).toEqual([
      { n: 0 },
    ]);
    expect(await query<{ n: number }>('SELECT count(*)::int AS n FROM ingestion_runs')).toEqual([{ n: 3 }]);
    await query('DROP TRIGGER refuse_boom ON polls');
    expect(await ingestPolls(db, failing)).toMatchObject({ inserted: 2 });
  });

  it('fails on a missing file without touching anything', async () => {
    await expect(ingestPolls(db, join(dir, 'missing.csv'))).rejects.toThrow(/no such file/);
  });
});

describe('ingesting polls in batches, beside what is stored', () => {
  const stored = (ids: string) =>
    query<{ store_id: string; at: string; active: boolean }>(
      `SELECT store_id, to_char(at AT TIME ZONE 'UTC', 'HH24:MI') AS at, active FROM polls WHERE store_id IN (${ids}) ORDER BY store_id, at`,
    );

  it('keeps the later of two rows, backfills older instants and changes what differs', async () => {
    // The filler puts the last two rows two 64 KiB chunks after the first three, and makes the
    // file larger than a batch: it is set aside by store and written store range by store range,
    // so x1's three rows reach the database together and its repeated instant is a duplicate.
    const filler = Array.from(
      { length: 4000 },
      (_, i) => `filler,active,${new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString()}`,
    );
    const first = file('batches1.csv', [
      'store_id,status,timestamp_utc',
      'x1,active,2023-02-01 10:00:00 UTC',
      'x2,active,2023-02-01 10:00:00 UTC',
      'x1,active,2023-02-01 12:00:00 UTC',
      ...filler,
      'x1,inactive,2023-02-01 10:00:00 UTC', // same instant as line 2, later in the file: wins
      'x2,inactive,2023-02-01 09:00:00 UTC', // before x2's latest, not stored: inserted
    ]);
    const one = await ingestPolls(db, first, { batchPolls: 2 });
    expect(one).toMatchObject({ read: 4005, inserted: 4004, updated: 0, duplicates: 1, rejected: 0 });
    const second = file('batches2.csv', [
      'store_id,status,timestamp_utc',
      'x1,active,2023-02-01 11:00:00 UTC', // before x1's latest stored poll, not stored: backfilled
      'x1,inactive,2023-02-01 10:00:00 UTC', // stored alike
      'x2,active,2023-02-01 09:00:00 UTC', // stored as inactive: changed
      'x2,active,2023-02-01 13:00:00 UTC', // after the latest: appended
    ]);
    expect(await ingestPolls(db, second, { batchPolls: 3 })).toMatchObject({
      read: 4,
      inserted: 2,
      updated: 1,
      duplicates: 1,
    });
    expect(await stored(`'x1', 'x2'`)).toEqual([
      { store_id: 'x1', at: '10:00', active: false },
      { store_id: 'x1', at: '11:00', active: true },
      { store_id: 'x1', at: '12:00', active: true },
      { store_id: 'x2', at: '09:00', active: true },
      { store_id: 'x2', at: '10:00', active: true },
      { store_id: 'x2', at: '13:00', active: true },
    ]);
    const latest = await query<{ id: string; at: string }>(
      `SELECT id, to_char(last_poll_at AT TIME ZONE 'UTC', 'HH24:MI') AS at FROM stores WHERE id IN ('x1', 'x2') ORDER BY id`,
    );
    expect(latest).toEqual([
      { id: 'x1', at: '12:00' },
      { id: 'x2', at: '13:00' },
    ]);
  });

  it('merges the slow way when rows it took for new were stored behind its back', async () => {
    // Written without moving the store's latest poll, as another writer or a hand-made fix might.
    await query(`INSERT INTO polls (store_id, at, active) VALUES ('z', '2023-02-02 08:00:00+00', true)`);
    const late = file('late.csv', [
      'store_id,status,timestamp_utc',
      'z,inactive,2023-02-02 08:00:00 UTC',
      'z,active,2023-02-02 09:00:00 UTC',
    ]);
    expect(await ingestPolls(db, late)).toMatchObject({ read: 2, inserted: 1, updated: 1, duplicates: 0 });
    expect(await stored(`'z'`)).toEqual([
      { store_id: 'z', at: '08:00', active: false },
      { store_id: 'z', at: '09:00', active: true },
    ]);
    expect(await ingestPolls(db, late)).toMatchObject({ inserted: 0, updated: 0, duplicates: 2 });
  });
});

describe('ingesting business hours and zones', () => {
  it('replaces a store\u2019s hours with a newer file\u2019s and leaves other stores alone', async () => {
    const first = file('hours1.csv', [
      'store_id,day,start_time_local,end_time_local',
      'a,0,09:00,17:00',
      'a,1,09:00,17:00',
      'b,2,22:00,02:00',
    ]);
    expect(await ingestHours(db, first)).toMatchObject({ read: 3, inserted: 3, duplicates: 0 });
    expect(await ingestHours(db, first)).toMatchObject({ inserted: 0, duplicates: 3 });
    const second = file('hours2.csv', [
      'store_id,dayOfWeek,start_time_local,end_time_local',
      'a,4,10:00:00,24:00',
      'a,8,10:00,11:00',
    ]);
    expect(await ingestHours(db, second)).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    const rows = await query<{ store_id: string; day: number; start_ms: number; end_ms: number }>(
      'SELECT store_id, day, start_ms, end_ms FROM business_hours ORDER BY store_id, day',
    );
    expect(rows).toEqual([
      { store_id: 'a', day: 4, start_ms: 36_000_000, end_ms: 86_400_000 },
      { store_id: 'b', day: 2, start_ms: 79_200_000, end_ms: 7_200_000 },
    ]);
  });

  it('adds zones for new stores, updates changed ones and counts the rest as duplicates', async () => {
    const zones = file('zones1.csv', ['store_id,timezone_str', 'a,America/New_York', 'c,Asia/Kolkata', 'd,Mars/Base']);
    expect(await ingestTimeZones(db, zones)).toMatchObject({
      read: 3,
      inserted: 1,
      updated: 1,
      duplicates: 0,
      rejected: 1,
    });
    const again = file('zones2.csv', ['store_id,timezone_str', 'a,America/New_York', 'c,Europe/Berlin']);
    expect(await ingestTimeZones(db, again)).toMatchObject({ inserted: 0, updated: 1, duplicates: 1 });
    const rows = await query<{ id: string; time_zone: string | null }>(
      `SELECT id, time_zone FROM stores WHERE id IN ('a', 'b', 'c') ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'a', time_zone: 'America/New_York' },
      { id: 'b', time_zone: null },
      { id: 'c', time_zone: 'Europe/Berlin' },
    ]);
  });
});

describe('ingestion_runs records when each run really started and finished', () => {
  /** The database's own clock, so that the bounds and the recorded times come from one clock. */
  const databaseNow = async (): Promise<string> =>
    (await query<{ at: string }>('SELECT clock_timestamp()::text AS at'))[0].at;
  // Every ingest writes its stores; a statement trigger that sleeps makes each run last at least this.
  const SLEEP_SECONDS = 0.3;

  beforeAll(async () => {
    await query(
      `CREATE FUNCTION slow_down() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(${SLEEP_SECONDS}); RETURN NULL; END $$ LANGUAGE plpgsql`,
    );
    await query(
      'CREATE TRIGGER slow_stores AFTER INSERT OR UPDATE ON stores FOR EACH STATEMENT EXECUTE FUNCTION slow_down()',
    );
  });
  afterAll(() => query('DROP TRIGGER slow_stores ON stores'));

  const ingests: Array<[string, () => Promise<IngestSummary>]> = [
    [
      'polls',
      () =>
        ingestPolls(db, file('timed-polls.csv', ['store_id,status,timestamp_utc', 't,active,2023-03-01 12:00:00 UTC'])),
    ],
    [
      'hours',
      () =>
        ingestHours(
          db,
          file('timed-hours.csv', ['store_id,dayOfWeek,start_time_local,end_time_local', 't,0,09:00,17:00']),
        ),
    ],
    ['time zones', () => ingestTimeZones(db, file('timed-zones.csv', ['store_id,timezone_str', 't,America/Chicago']))],
  ];

  it.each(ingests)('%s: both lie within the call, as far apart as the run took', async (kind, ingest) => {
    const before = await databaseNow();
    await ingest();
    const after = await databaseNow();
    const [run] = await query<{ kind: string; in_order: boolean; seconds: number }>(`
      SELECT kind,
             '${before}'::timestamptz <= started_at AND started_at < finished_at AND finished_at <= '${after}'::timestamptz AS in_order,
             extract(epoch FROM finished_at - started_at)::float8 AS seconds
      FROM ingestion_runs ORDER BY id DESC LIMIT 1`);
    expect(run.kind).toBe(kind);
    expect(run.in_order).toBe(true);
    expect(run.seconds).toBeGreaterThanOrEqual(SLEEP_SECONDS);
  });

  it('records the source a caller names instead of the file path', async () => {
    await ingestHours(
      db,
      file('named-hours.csv', ['store_id,day,start_time_local,end_time_local', 'n,1,09:00,17:00']),
      { source: 'POST /business_hours' },
    );
    await ingestTimeZones(db, file('named-zones.csv', ['store_id,timezone_str', 'n,Asia/Tokyo']), {
      source: 'POST /timezones',
    });
    const runs = await query<{ source: string; kind: string }>(
      'SELECT source, kind FROM ingestion_runs ORDER BY id DESC LIMIT 2',
    );
    expect(runs).toEqual([
      { source: 'POST /timezones', kind: 'time zones' },
      { source: 'POST /business_hours', kind: 'hours' },
    ]);
  });
});
