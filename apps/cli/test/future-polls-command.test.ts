import { join } from 'node:path';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { fixtureDir, runCli } from './run-cli';

const HEADER =
  'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week';
const FUTURE = '9,active,9999-12-31 23:59:59.999999 UTC';
const DATA = {
  'store_status.csv': [
    'store_id,status,timestamp_utc',
    '1,active,2024-01-08 13:50:00 UTC',
    FUTURE,
    '1,inactive,2024-01-08 14:50:00 UTC',
    '2,ACTIVE,2024-01-08T17:00:00Z',
  ].join('\n'),
  'menu_hours.csv': 'store_id,day,start_time_local,end_time_local\n1,0,09:00:00,17:00:00\n',
  'timezones.csv': 'store_id,timezone_str\n1,America/New_York\n',
};

/**
 * The reject line for the future poll on line 3, with the limit the command used checked to be
 * its clock plus one hour at some moment while it ran.
 */
function expectFutureReject(stderr: string, path: string, before: number, after: number): void {
  const pattern = new RegExp(
    `^  ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: timestamp_utc: "9999-12-31 23:59:59\\.999999 UTC" is in the future \\(later than (\\S+), now plus 1h\\)$`,
    'm',
  );
  const match = pattern.exec(stderr);
  expect(match).not.toBeNull();
  const limit = Date.parse(match![1]);
  expect(limit).toBeGreaterThanOrEqual(before + 3_600_000);
  expect(limit).toBeLessThanOrEqual(after + 3_600_000);
}

describe('a poll dated in the future', () => {
  it('is rejected by report, which keeps the latest real poll as now and says how many it rejected so', () => {
    const dir = fixtureDir(DATA);
    const before = Date.now();
    const result = runCli(['report', '--data', dir]);
    const after = Date.now();
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${HEADER}\n1,0.00,0.00,0.00,60.00,3.00,8.00\n2,60.00,24.00,168.00,0.00,0.00,0.00\n`);
    expect(result.stderr).toContain(
      'stores: 2, polls read: 4, rows rejected: 1 (1 poll dated in the future), now: 2024-01-08T17:00:00.000Z',
    );
    expectFutureReject(result.stderr, join(dir, 'store_status.csv'), before, after);
  });

  describe('by ingest', () => {
    const database = testDatabaseUrl();
    beforeAll(() => migrateDatabase(database.url), 120_000);
    afterAll(() => database.drop());

    it('is rejected with its line, and the polls summary says how many', () => {
      const dir = fixtureDir(DATA);
      const path = join(dir, 'store_status.csv');
      const before = Date.now();
      const result = runCli(['ingest', '--polls', path], { DATABASE_URL: database.url });
      const after = Date.now();
      expect(result.status).toBe(0);
      expect(result.stderr).toContain(
        `polls ${path}: read 4, inserted 3, updated 0, duplicates 0, rejected 1 (1 poll dated in the future), seconds `,
      );
      expectFutureReject(result.stderr, path, before, after);
    });
  });
});
