import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { fixtureDir, runCli } from './run-cli';

const database = testDatabaseUrl();
const url = new URL(database.url);
const env = { DATABASE_URL: database.url };

beforeAll(() => migrateDatabase(url.toString()), 120_000);
afterAll(() => database.drop());

const DATA = {
  'store_status.csv': [
    'store_id,status,timestamp_utc',
    '1,active,2024-01-08 13:50:00 UTC',
    '1,maybe,2024-01-08 14:00:00 UTC',
    '2,inactive,2024-01-08T17:00:00Z',
  ].join('\n'),
  'menu_hours.csv': 'store_id,day,start_time_local,end_time_local\n1,0,09:00:00,17:00:00\n',
  'timezones.csv': 'store_id,timezone_str\n1,America/New_York\n',
};

describe('store-monitor ingest', () => {
  it('loads each file once, reports what it added, and adds nothing the second time', () => {
    const dir = fixtureDir(DATA);
    const rejectsFile = join(dir, 'rejects.csv');
    const first = runCli(['ingest', '--data', dir, '--rejects', rejectsFile], env);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(
      `time zones ${join(dir, 'timezones.csv')}: read 1, inserted 1, updated 0, duplicates 0, rejected 0`,
    );
    expect(first.stderr).toContain(
      `hours ${join(dir, 'menu_hours.csv')}: read 1, inserted 1, updated 0, duplicates 0, rejected 0`,
    );
    expect(first.stderr).toContain(
      `polls ${join(dir, 'store_status.csv')}: read 3, inserted 2, updated 0, duplicates 0, rejected 1`,
    );
    expect(readFileSync(rejectsFile, 'utf8').split('\n')[1]).toBe(
      `${join(dir, 'store_status.csv')},3,"status: ""maybe"" is not active or inactive","1,maybe,2024-01-08 14:00:00 UTC"`,
    );

    const second = runCli(['ingest', '--data', dir], env);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain(
      `polls ${join(dir, 'store_status.csv')}: read 3, inserted 0, updated 0, duplicates 2, rejected 1`,
    );
  });

  it('loads special days from --data and --special-hours, a newer file replacing the dates it names', () => {
    const dir = fixtureDir({
      ...DATA,
      'special_hours.csv': [
        'store_id,date,start_time_local,end_time_local',
        '1,2024-01-08,12:00,14:00',
        '1,2024-01-09,,',
        '1,2024-02-30,09:00,10:00',
      ].join('\n'),
    });
    const first = runCli(['ingest', '--data', dir], env);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(
      `special hours ${join(dir, 'special_hours.csv')}: read 3, inserted 2, updated 0, duplicates 0, rejected 1`,
    );
    expect(first.stderr).toMatch(/special_hours\.csv:4: date: "2024-02-30" is not a real date/);
    const newer = join(
      fixtureDir({ 'newer.csv': 'store_id,date,start_time_local,end_time_local\n1,2024-01-09,10:00,11:00\n' }),
      'newer.csv',
    );
    const second = runCli(['ingest', '--special-hours', newer], env);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain(`special hours ${newer}: read 1, inserted 1, updated 0, duplicates 0, rejected 0`);
  });

  it('refuses --special-hours beside --data with a usage error', () => {
    const result = runCli(['ingest', '--data', fixtureDir(DATA), '--special-hours', 'x.csv'], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('give either --data DIR or --polls/--hours/--timezones/--special-hours, not both');
  });

  it('exits 2 with what to do when the database is missing', () => {
    const missing = new URL(url);
    missing.pathname = '/store_monitor_never_created';
    const result = runCli(['ingest', '--data', fixtureDir(DATA)], { DATABASE_URL: missing.toString() });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('the database does not exist; run `npm run db:migrate` first');
  });
});
