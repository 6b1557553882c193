import { join } from 'node:path';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { fixtureDir, runCli } from './run-cli';

const SEVEN =
  'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week';
const TEN = `${SEVEN},unknown_last_hour,unknown_last_day,unknown_last_week`;
const SPECIAL_HEADER = 'store_id,date,start_time_local,end_time_local';

// The contract's Mondays example: store 1 open Mondays 09:00-17:00 in New York, polls at 08:50 and
// 09:50 local on Monday 2024-01-08; store 2 (24x7, Chicago) makes now 17:00 UTC, 12:00 in New York.
const MONDAYS = {
  'store_status.csv': [
    'store_id,status,timestamp_utc',
    '1,active,2024-01-08 13:50:00 UTC',
    '1,inactive,2024-01-08 14:50:00 UTC',
    '2,active,2024-01-08 17:00:00 UTC',
  ].join('\n'),
  'menu_hours.csv': 'store_id,day,start_time_local,end_time_local\n1,0,09:00,17:00\n',
  'timezones.csv': 'store_id,timezone_str\n1,America/New_York\n',
};
const STORE_2 = '2,60.00,24.00,168.00,0.00,0.00,0.00';

// The contract's max_gap example: 24x7 in Chicago, active at 08:00 and inactive at 11:30 UTC.
const SILENT = {
  'store_status.csv':
    'store_id,status,timestamp_utc\n1,active,2024-01-10 08:00:00 UTC\n1,inactive,2024-01-10 11:30:00 UTC\n',
};

describe('store-monitor report with special days', () => {
  it('without a special-days file, the Mondays example is as before', () => {
    const result = runCli(['report', '--data', fixtureDir(MONDAYS)]);
    expect(result.stdout).toBe(`${SEVEN}\n1,0.00,0.00,0.00,60.00,3.00,8.00\n${STORE_2}\n`);
  });

  // The special 12:00-14:00 starts at now: the day has no business time yet, and with no poll inside
  // business hours every poll is evidence, so the Monday before (12:00-17:00) takes the 08:50 poll.
  it('--data DIR picks up special_hours.csv: a 12:00-14:00 Monday', () => {
    const dir = fixtureDir({ ...MONDAYS, 'special_hours.csv': `${SPECIAL_HEADER}\n1,2024-01-08,12:00,14:00\n` });
    const result = runCli(['report', '--data', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${SEVEN}\n1,0.00,0.00,5.00,0.00,0.00,0.00\n${STORE_2}\n`);
    expect(result.stderr).toContain('stores: 2, polls read: 3, special days read: 1, rows rejected: 0, now: ');
  });

  // At 14:30 New York time the special day's two hours are past, down by the 09:50 poll.
  it.each([
    ['12:00,14:00', 'nearest', '1,0.00,0.00,2.50,30.00,2.00,2.00'],
    ['12:00,14:00', 'forward', '1,0.00,0.00,2.50,30.00,2.00,2.00'],
    [',', 'nearest', '1,0.00,0.00,2.50,0.00,0.00,0.00'],
    [',', 'forward', '1,0.00,0.00,2.50,0.00,0.00,0.00'],
  ])('--special-hours F with --polls: times "%s", %s, at 14:30 in New York', (times, policy, row) => {
    const dir = fixtureDir({ ...MONDAYS, 'special.csv': `${SPECIAL_HEADER}\n1,2024-01-08,${times}\n` });
    const result = runCli([
      'report',
      ...['--polls', join(dir, 'store_status.csv'), '--hours', join(dir, 'menu_hours.csv')],
      ...['--timezones', join(dir, 'timezones.csv'), '--special-hours', join(dir, 'special.csv')],
      ...['--as-of', '2024-01-08T19:30:00Z', '--policy', policy],
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${SEVEN}\n${row}\n${STORE_2}\n`);
  });

  it('rejects bad special rows with file and line and keeps the good ones', () => {
    const dir = fixtureDir({
      ...MONDAYS,
      'special_hours.csv': `\ufeff${SPECIAL_HEADER}\r\n1,2024-02-30,,\r\n1,2024-01-08,12:00,14:00\r\n1,2024-01-09,,18:00\r\n`,
    });
    const result = runCli(['report', '--data', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${SEVEN}\n1,0.00,0.00,5.00,0.00,0.00,0.00\n${STORE_2}\n`);
    const special = join(dir, 'special_hours.csv');
    expect(result.stderr).toContain('special days read: 3, rows rejected: 2,');
    expect(result.stderr).toContain(`${special}:2: date: "2024-02-30" is not a real date written YYYY-MM-DD`);
    expect(result.stderr).toContain(
      `${special}:4: start_time_local: is empty (end_time_local is not; both empty means closed)`,
    );
  });

  it('exits 2 naming the file when the special-days file lacks a column', () => {
    const dir = fixtureDir({ ...MONDAYS, 'special_hours.csv': 'store_id,day,start_time_local,end_time_local\n' });
    const result = runCli(['report', '--data', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(join(dir, 'special_hours.csv'));
    expect(result.stderr).toContain('missing column "date"');
    expect(result.stdout).toBe('');
  });
});

describe('store-monitor report --max-gap', () => {
  it.each(['1h', 'PT1H', '60m'])('writes the contract example with the ten columns (%s)', (gap) => {
    const result = runCli([
      'report',
      '--data',
      fixtureDir(SILENT),
      '--as-of',
      '2024-01-10T12:00:00Z',
      '--max-gap',
      gap,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${TEN}\n1,0.00,2.00,2.00,60.00,1.50,1.50,0.00,20.50,164.50\n`);
    expect(result.stderr).toMatch(/, policy: nearest, max gap: 1h, seconds: /);
  });

  // forward: 07:00-08:00 is known from the first poll after it, 08:00-09:00 up, 11:30-12:00 down.
  it('with the forward policy', () => {
    const dir = fixtureDir(SILENT);
    const result = runCli([
      'report',
      '--data',
      dir,
      '--as-of',
      '2024-01-10T12:00:00Z',
      '--max-gap',
      '1h',
      '--policy',
      'forward',
    ]);
    expect(result.stdout).toBe(`${TEN}\n1,0.00,2.00,2.00,30.00,0.50,0.50,30.00,21.50,165.50\n`);
  });

  it.each(['nearest', 'forward'])(
    'with special days too: a closed 2024-01-10 in Chicago leaves its morning out of every column (%s)',
    (policy) => {
      const dir = fixtureDir({ ...SILENT, 'special_hours.csv': `${SPECIAL_HEADER}\n1,2024-01-10,,\n` });
      const args = ['--as-of', '2024-01-10T12:00:00Z', '--max-gap', '3h', '--policy', policy];
      const result = runCli(['report', '--data', dir, ...args]);
      // Chicago's 2024-01-10 starts at 06:00 UTC: business time ends there, and only its last hour is
      // within 3 h of the 08:00 poll (the first poll, and with no poll in business hours, evidence).
      expect(result.stdout).toBe(`${TEN}\n1,0.00,1.00,1.00,0.00,0.00,0.00,0.00,17.00,161.00\n`);
      expect(result.stderr).toContain('special days read: 1');
      expect(result.stderr).toContain('max gap: 3h');
    },
  );

  it.each(['0s', 'PT0S', 'P', 'PT', '2h30', '1.5h', 'soon', '-1h', 'pt2h'])(
    'exits 2 on --max-gap %j with one line',
    (gap) => {
      expect(runCli(['report', '--data', fixtureDir(SILENT), '--max-gap', gap])).toEqual({
        status: 2,
        stdout: '',
        stderr:
          `store-monitor report: --max-gap must be a positive duration such as 90m, 2h, 1h30m or PT2H, got "${gap}"\n` +
          'run "store-monitor report --help" for usage\n',
      });
    },
  );

  it('--special-hours is an input file: --db refuses it, and it needs --polls rather than --data', () => {
    const usage = (message: string) => ({
      status: 2,
      stdout: '',
      stderr: `store-monitor report: ${message}\nrun "store-monitor report --help" for usage\n`,
    });
    expect(runCli(['report', '--db', '--special-hours', 'x.csv'])).toEqual(
      usage('--db reads the database: it takes no input files and has no rejects'),
    );
    expect(runCli(['report', '--special-hours', 'x.csv'])).toEqual(
      usage('--hours, --timezones and --special-hours need --polls'),
    );
    expect(runCli(['report', '--data', 'd', '--special-hours', 'x.csv'])).toEqual(
      usage('give either --data DIR or --polls/--hours/--timezones/--special-hours, not both'),
    );
  });
});

describe('store-monitor report --db --max-gap', () => {
  const database = testDatabaseUrl();
  const env = { DATABASE_URL: database.url };
  beforeAll(() => migrateDatabase(database.url), 120_000);
  afterAll(() => database.drop());

  // Both examples in one data set: store 1's special Monday, store 3 silent for hours in Chicago.
  // Store 1: 17:00-19:00 UTC is business time, down by the 14:50 poll until 17:50 (exactly 3 h),
  // unknown after. Store 2: its one poll (Monday 17:00) makes 14:00-20:00 known and up.
  it('gives the CSV the file report gives, special days and unknown columns included', () => {
    const silent = SILENT['store_status.csv'].split('\n').slice(1).join('\n').replaceAll(/^1,/gm, '3,');
    const dir = fixtureDir({
      ...MONDAYS,
      'store_status.csv': `${MONDAYS['store_status.csv']}\n${silent}`,
      'special_hours.csv': `${SPECIAL_HEADER}\n1,2024-01-08,12:00,14:00\n3,2024-01-10,,\n`,
    });
    expect(runCli(['ingest', '--data', dir], env).status).toBe(0);
    const args = ['--as-of', '2024-01-10T12:00:00Z', '--max-gap', 'PT3H'];
    const files = runCli(['report', '--data', dir, ...args]);
    expect(files.stdout).toBe(
      `${TEN}\n1,0.00,0.00,0.00,0.00,0.00,0.83,0.00,0.00,1.17\n` +
        '2,0.00,0.00,6.00,0.00,0.00,0.00,60.00,24.00,162.00\n' +
        '3,0.00,1.00,1.00,0.00,0.00,0.00,0.00,17.00,161.00\n',
    );
    for (const policy of ['nearest', 'forward']) {
      const fromFiles = runCli(['report', '--data', dir, ...args, '--policy', policy]);
      const fromDb = runCli(['report', '--db', ...args, '--policy', policy], env);
      expect({ status: fromDb.status, stdout: fromDb.stdout }).toEqual({ status: 0, stdout: fromFiles.stdout });
      expect(fromDb.stderr).toContain('source: database');
      expect(fromDb.stderr).toContain('max gap: 3h');
    }
  }, 60_000);
});
