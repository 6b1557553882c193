import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHours, readPolls, readSpecialHours, readTimeZones } from '@store-monitor/csv';
import { assembleStores, buildReport, type Policy, type ReportRow } from '@store-monitor/engine';
import { ingestHours, ingestPolls, ingestSpecialHours, ingestTimeZones } from '@store-monitor/ingest';
import { useTestDatabase } from '@store-monitor/test-support';
import { inSnapshot, rangesFromStarts, reportFromDatabase, reportInSnapshot } from '../src';

const { db } = useTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'special-days-report-'));
const NOW = Date.parse('2024-01-10T12:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Store "x" is open 24x7 in UTC but closed 2024-01-01 to 01-03. Its 60 hourly polls on those days
 * are all outside business hours, so its evidence before the week window (from 01-03 12:00) is the
 * inactive poll of 2023-12-31 23:30, found only in its whole history. Its next poll is 01-10 11:00.
 * Store "w" is open weekdays 09:00-17:00 in New York; Monday 01-08 is a short day (12:00-14:00) and
 * Tuesday 01-09 is closed. Store "z", without a special day, sorts after the chunk boundary.
 */
const FILES = {
  polls: [
    'store_id,status,timestamp_utc',
    'x,active,2023-12-31T20:30:00Z',
    'x,inactive,2023-12-31T23:30:00Z',
    ...Array.from({ length: 60 }, (_, i) => `x,active,${iso(Date.parse('2024-01-01T00:30:00Z') + i * HOUR)}`),
    'x,active,2024-01-10T11:00:00Z',
    ...Array.from({ length: 24 * 8 }, (_, i) => {
      const at = Date.parse('2024-01-02T12:10:00Z') + i * HOUR;
      return `w,${i % 7 === 0 ? 'inactive' : 'active'},${iso(at)}\nz,${i % 5 === 0 ? 'inactive' : 'active'},${iso(at)}`;
    }),
  ],
  hours: ['store_id,day,start_time_local,end_time_local', ...[0, 1, 2, 3, 4].map((d) => `w,${d},09:00,17:00`)],
  zones: ['store_id,timezone_str', 'x,UTC', 'w,America/New_York', 'z,Asia/Tokyo'],
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
}, 60_000);

/** The file report's rows from the very same files. */
async function fileReport(policy: Policy, maxGapMs?: number): Promise<ReportRow[]> {
  const stores = assembleStores({
    polls: (await readPolls(path('polls.csv'))).series,
    hours: (await readHours(path('hours.csv'))).hours,
    timeZones: (await readTimeZones(path('zones.csv'))).timeZones,
    specialHours: (await readSpecialHours(path('special.csv'))).specialHours,
  });
  return buildReport(stores, { policy, asOf: NOW, maxGapMs }).rows;
}

const rowOf = (rows: ReportRow[], id: string): ReportRow | undefined => rows.find((r) => r.store_id === id);

describe('the database report with special days and a max gap', () => {
  const cases: Array<[Policy, number | undefined]> = [
    ['nearest', undefined],
    ['forward', undefined],
    ['nearest', 2 * HOUR],
    ['forward', 2 * HOUR],
  ];

  it.each(cases)('%s, max gap %p: the rows the file report gives', async (policy, maxGapMs) => {
    const { rows } = await reportFromDatabase(db, { policy, asOf: NOW, maxGapMs });
    expect(rows).toEqual(await fileReport(policy, maxGapMs));
    expect(rows.map((r) => r.store_id)).toEqual(['w', 'x', 'z']);
  });

  it('nearest: the evidence before the window is the last poll inside business hours, special days applied', async () => {
    // Business time in the week: 01-04 00:00 to 01-10 12:00 (156 h). The switch from the inactive
    // 12-31 23:30 poll to the active 01-10 11:00 poll is halfway, at 01-05 17:15.
    const { rows } = await reportFromDatabase(db, { policy: 'nearest', asOf: NOW });
    expect(rowOf(rows, 'x')).toEqual({
      store_id: 'x',
      uptime_last_hour: 60,
      uptime_last_day: 24,
      uptime_last_week: 114.75,
      downtime_last_hour: 0,
      downtime_last_day: 0,
      downtime_last_week: 41.25,
    });
  });

  it('with a max gap of 2 h, the time far from every poll is unknown, for both policies', async () => {
    const nearest = await reportFromDatabase(db, { policy: 'nearest', asOf: NOW, maxGapMs: 2 * HOUR });
    // Known only within 2 h of the 01-10 11:00 poll: 09:00 to now.
    expect(rowOf(nearest.rows, 'x')).toEqual({
      store_id: 'x',
      uptime_last_hour: 60,
      uptime_last_day: 3,
      uptime_last_week: 3,
      downtime_last_hour: 0,
      downtime_last_day: 0,
      downtime_last_week: 0,
      unknown_last_hour: 0,
      unknown_last_day: 21,
      unknown_last_week: 153,
    });
    const forward = await reportFromDatabase(db, { policy: 'forward', asOf: NOW, maxGapMs: 2 * HOUR });
    // Known from the 01-10 11:00 poll on; the 01-03 11:30 poll reaches only into a closed day.
    expect(rowOf(forward.rows, 'x')).toEqual({
      store_id: 'x',
      uptime_last_hour: 60,
      uptime_last_day: 1,
      uptime_last_week: 1,
      downtime_last_hour: 0,
      downtime_last_day: 0,
      downtime_last_week: 0,
      unknown_last_hour: 0,
      unknown_last_day: 23,
      unknown_last_week: 155,
    });
  });

  it('a short and a closed special day take their weekly hours\u2019 place', async () => {
    const { rows } = await reportFromDatabase(db, { policy: 'forward', asOf: NOW, maxGapMs: 2 * HOUR });
    const w = rowOf(rows, 'w') as ReportRow;
    // From 01-03 07:00 EST: Wed 8 h, Thu 8, Fri 8, Mon 2 (special), Tue closed, and now (Wed 07:00
    // EST) is before opening: 26 h. The last day (from Tue 07:00 EST) is closed.
    expect(w.uptime_last_week + w.downtime_last_week + (w.unknown_last_week ?? 0)).toBeCloseTo(26, 2);
    expect([w.uptime_last_day, w.downtime_last_day, w.unknown_last_day]).toEqual([0, 0, 0]);
  });

  it('gives each chunk of stores its own stores\u2019 special days', async () => {
    const whole = await reportFromDatabase(db, { policy: 'nearest', asOf: NOW, maxGapMs: HOUR });
    const chunks = await inSnapshot(db, async (snapshot) => {
      const rows: ReportRow[] = [];
      for (const stores of rangesFromStarts(['w', 'x', 'z'])) {
        rows.push(...(await reportInSnapshot(snapshot, { policy: 'nearest', asOf: NOW, maxGapMs: HOUR, stores })).rows);
      }
      return rows;
    });
    expect(chunks).toEqual(whole.rows);
    expect(whole.rows).toEqual(await fileReport('nearest', HOUR));
  });
});
