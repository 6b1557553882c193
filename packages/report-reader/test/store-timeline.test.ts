/**
 * storeTimelineFromDatabase: one store's explained timeline read from PostgreSQL is the timeline
 * the engine explains from the same files, and its row is that store's row in reportFromDatabase,
 * for both policies, with special days and a max gap, whether or not the store needs its whole history.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHours, readPolls, readSpecialHours, readTimeZones } from '@store-monitor/csv';
import { assembleStores, explainStore, type Policy, type StoreInput } from '@store-monitor/engine';
import { ingestHours, ingestPolls, ingestSpecialHours, ingestTimeZones } from '@store-monitor/ingest';
import { useTestDatabase } from '@store-monitor/test-support';
import { reportFromDatabase, storeTimelineFromDatabase } from '../src';

const { db } = useTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'store-timeline-'));
const NOW = Date.parse('2024-01-10T12:00:00Z');
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Stores "w", "x" and "z" as in special-days-report.test.ts ("x" is closed 01-01 to 01-03, so the
 * nearest policy needs its whole history; "w" has a short and a closed day). Store "1" is the
 * contract's Monday example (New York, 09:00-17:00, polls at 08:50 and 09:50 local on 01-08) and
 * "s" its unknown-time example (24x7 Chicago, polls 08:00 and 11:30 UTC on 01-10). Store "late"
 * polls only after NOW; "last" makes the latest poll of all, on 01-11.
 */
const FILES = {
  polls: [
    'store_id,status,timestamp_utc',
    'x,active,2023-12-31T20:30:00Z',
    'x,inactive,2023-12-31T23:30:00Z',
    ...Array.from({ length: 60 }, (_, i) => `x,active,${iso(at('2024-01-01T00:30:00Z') + i * HOUR)}`),
    'x,active,2024-01-10T11:00:00Z',
    ...Array.from({ length: 24 * 8 }, (_, i) => {
      const t = at('2024-01-02T12:10:00Z') + i * HOUR;
      return `w,${i % 7 === 0 ? 'inactive' : 'active'},${iso(t)}\nz,${i % 5 === 0 ? 'inactive' : 'active'},${iso(t)}`;
    }),
    '1,active,2024-01-08 13:50:00 UTC',
    '1,inactive,2024-01-08 14:50:00 UTC',
    's,active,2024-01-10T08:00:00Z',
    's,inactive,2024-01-10T11:30:00Z',
    'late,active,2024-01-10T12:00:00.000001Z',
    'last,inactive,2024-01-11T06:00:00Z',
  ],
  hours: [
    'store_id,day,start_time_local,end_time_local',
    ...[0, 1, 2, 3, 4].map((d) => `w,${d},09:00,17:00`),
    '1,0,09:00,17:00',
  ],
  zones: ['store_id,timezone_str', 'x,UTC', 'w,America/New_York', 'z,Asia/Tokyo', '1,America/New_York'],
  special: [
    'store_id,date,start_time_local,end_time_local',
    'x,2024-01-01,,',
    'x,2024-01-02,,',
    'x,2024-01-03,,',
    'w,2024-01-08,12:00,14:00',
    'w,2024-01-09,,',
  ],
};

const path = (name: string): string => join(dir, name);
let fileStores: Map<string, StoreInput>;

beforeAll(async () => {
  const write = (name: string, lines: string[]): void => writeFileSync(path(name), `${lines.join('\n')}\n`);
  write('polls.csv', FILES.polls);
  write('hours.csv', FILES.hours);
  write('zones.csv', FILES.zones);
  write('special.csv', FILES.special);
  await ingestTimeZones(db, path('zones.csv'));
  await ingestHours(db, path('hours.csv'));
  await ingestSpecialHours(db, path('special.csv'));
  await ingestPolls(db, path('polls.csv'));
  const stores = assembleStores({
    polls: (await readPolls(path('polls.csv'))).series,
    hours: (await readHours(path('hours.csv'))).hours,
    timeZones: (await readTimeZones(path('zones.csv'))).timeZones,
    specialHours: (await readSpecialHours(path('special.csv'))).specialHours,
  });
  fileStores = new Map(stores.map((s) => [s.storeId, s]));
}, 60_000);

const CASES: Array<[Policy, number | undefined]> = [
  ['nearest', undefined],
  ['forward', undefined],
  ['nearest', 2 * HOUR],
  ['forward', 2 * HOUR],
];

describe.each(CASES)('%s, max gap %p', (policy, maxGapMs) => {
  it("each store's row is its row in reportFromDatabase", async () => {
    const report = await reportFromDatabase(db, { policy, asOf: NOW, maxGapMs });
    expect(report.rows.map((r) => r.store_id)).toEqual(['1', 's', 'w', 'x', 'z']);
    for (const row of report.rows) {
      const timeline = await storeTimelineFromDatabase(db, row.store_id, { policy, asOf: NOW, maxGapMs });
      expect(timeline?.row).toEqual(row);
    }
  });

  it('each timeline is the one the engine explains from the files, polls and segments alike', async () => {
    for (const id of ['1', 's', 'w', 'x', 'z']) {
      const fromDb = await storeTimelineFromDatabase(db, id, { policy, asOf: NOW, maxGapMs });
      expect(fromDb).toEqual(explainStore(fileStores.get(id) as StoreInput, NOW, policy, maxGapMs));
    }
  });
});

describe("the contract's examples, segment by segment", () => {
  const MONDAY_NOW = at('2024-01-08T17:00:00Z');

  it('store 1, nearest: the 08:50 poll is outside business hours, so every segment is down from 09:50', async () => {
    const t = await storeTimelineFromDatabase(db, '1', { policy: 'nearest', asOf: MONDAY_NOW });
    const down = { status: 'down', pollAt: at('2024-01-08T14:50:00Z') };
    expect(t?.spans).toEqual([
      {
        start: at('2024-01-01T17:00:00Z'),
        end: at('2024-01-01T22:00:00Z'),
        segments: [{ start: at('2024-01-01T17:00:00Z'), end: at('2024-01-01T22:00:00Z'), ...down }],
      },
      {
        start: at('2024-01-08T14:00:00Z'),
        end: MONDAY_NOW,
        segments: [{ start: at('2024-01-08T14:00:00Z'), end: MONDAY_NOW, ...down }],
      },
    ]);
    expect(t?.polls).toEqual([
      { at: at('2024-01-08T13:50:00Z'), active: true, inBusinessHours: false, evidence: false },
      { at: at('2024-01-08T14:50:00Z'), active: false, inBusinessHours: true, evidence: true },
    ]);
    expect(t?.row).toEqual({
      store_id: '1',
      uptime_last_hour: 0,
      uptime_last_day: 0,
      uptime_last_week: 0,
      downtime_last_hour: 60,
      downtime_last_day: 3,
      downtime_last_week: 8,
    });
  });

  it('store 1, forward: up from the 08:50 poll (before it too) until 09:50, then down', async () => {
    const t = await storeTimelineFromDatabase(db, '1', { policy: 'forward', asOf: MONDAY_NOW });
    const up = { status: 'up', pollAt: at('2024-01-08T13:50:00Z') };
    expect(t?.spans.map((s) => s.segments)).toEqual([
      [{ start: at('2024-01-01T17:00:00Z'), end: at('2024-01-01T22:00:00Z'), ...up }],
      [
        { start: at('2024-01-08T14:00:00Z'), end: at('2024-01-08T14:50:00Z'), ...up },
        { start: at('2024-01-08T14:50:00Z'), end: MONDAY_NOW, status: 'down', pollAt: at('2024-01-08T14:50:00Z') },
      ],
    ]);
    expect(t?.row).toMatchObject({ uptime_last_day: 0.83, uptime_last_week: 5.83, downtime_last_week: 2.17 });
  });

  it('store s, nearest with a 1 h max gap: unknown, up, unknown, down', async () => {
    const t = await storeTimelineFromDatabase(db, 's', { policy: 'nearest', asOf: NOW, maxGapMs: HOUR });
    expect(t?.spans).toHaveLength(1);
    expect(t?.spans[0].segments).toEqual([
      { start: NOW - 168 * HOUR, end: at('2024-01-10T07:00:00Z'), status: 'unknown', pollAt: null },
      {
        start: at('2024-01-10T07:00:00Z'),
        end: at('2024-01-10T09:00:00Z'),
        status: 'up',
        pollAt: at('2024-01-10T08:00:00Z'),
      },
      { start: at('2024-01-10T09:00:00Z'), end: at('2024-01-10T10:30:00Z'), status: 'unknown', pollAt: null },
      { start: at('2024-01-10T10:30:00Z'), end: NOW, status: 'down', pollAt: at('2024-01-10T11:30:00Z') },
    ]);
    expect(t?.row).toEqual({
      store_id: 's',
      uptime_last_hour: 0,
      uptime_last_day: 2,
      uptime_last_week: 2,
      downtime_last_hour: 60,
      downtime_last_day: 1.5,
      downtime_last_week: 1.5,
      unknown_last_hour: 0,
      unknown_last_day: 20.5,
      unknown_last_week: 164.5,
    });
  });
});

describe('now, and when there is no timeline', () => {
  it("takes the latest poll over all stores as now, as the report does, not the store's own", async () => {
    const report = await reportFromDatabase(db, { policy: 'nearest' });
    const t = await storeTimelineFromDatabase(db, 'w', { policy: 'nearest' });
    expect(report.now).toBe(at('2024-01-11T06:00:00Z'));
    expect(t?.now).toBe(report.now);
    expect(t?.row).toEqual(report.rows.find((r) => r.store_id === 'w'));
  });

  it('names the poll found only in the whole history (store x, nearest)', async () => {
    const t = await storeTimelineFromDatabase(db, 'x', { policy: 'nearest', asOf: NOW });
    const sources = t?.spans.flatMap((s) => s.segments.map((g) => g.pollAt));
    expect(sources).toContain(at('2023-12-31T23:30:00Z'));
    expect(t?.polls[0]).toEqual({
      at: at('2023-12-31T23:30:00Z'),
      active: false,
      inBusinessHours: true,
      evidence: true,
    });
  });

  it('is null for an unknown store, one with no poll by now, and an id no database can hold', async () => {
    const options = { policy: 'nearest' as const, asOf: NOW };
    expect(await storeTimelineFromDatabase(db, 'nope', options)).toBeNull();
    expect(await storeTimelineFromDatabase(db, 'late', options)).toBeNull();
    expect(await storeTimelineFromDatabase(db, 'w', { ...options, asOf: at('2024-01-01T00:00:00Z') })).toBeNull();
    expect(await storeTimelineFromDatabase(db, "x'; --\u0000", options)).toBeNull();
    expect(await storeTimelineFromDatabase(db, "w' OR true --", options)).toBeNull();
  });

  it('runs on the kept pool, gives its connection back, and holds no session connection', async () => {
    await Promise.all(
      ['w', 'x', 'z', '1', 's', 'nope'].map((id) =>
        storeTimelineFromDatabase(db, id, { policy: 'nearest', asOf: NOW }),
      ),
    );
    expect(db.pool.waitingCount).toBe(0);
    expect(db.pool.idleCount).toBe(db.pool.totalCount);
    expect(db.sessions.totalCount).toBe(0);
  });
});
