import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { fixtureDir, runCli } from './run-cli';

const database = testDatabaseUrl();
const url = new URL(database.url);
const env = { DATABASE_URL: database.url };

const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

/**
 * A store whose only poll inside business hours is far before the week window, behind more than
 * a hundred polls outside them: the database report must fetch its whole history to find it.
 */
function deepEvidenceStore(): { polls: string[]; hours: string[]; zones: string[] } {
  const now = Date.parse('2024-03-20T12:00:00Z');
  const polls = [`deep,inactive,${iso(Date.parse('2024-03-04T09:15:00Z'))}`]; // a Monday, 09:15 UTC
  for (let t = Date.parse('2024-03-05T00:45:00Z'); t <= now; t += HOUR) polls.push(`deep,active,${iso(t)}`);
  return { polls, hours: ['deep,0,09:00,09:30'], zones: ['deep,UTC'] };
}

/**
 * Stores that exercise special days and unknown time. "deep24" is open 24x7 but closed on special
 * days 03-11 to 03-13, where its 72 hourly polls fall: for as_of 03-20 12:00 its evidence before
 * the window is the inactive poll of 03-10 23:30, found only in its whole history by a calendar
 * that knows the special days. "night" (Berlin) opens 10:00-18:00 weekly, 22:00-02:00 on 03-31 (the
 * night clocks go forward) and is closed on 04-01; its polls fall silent for 10 hours twice.
 */
function specialDayStores(): { polls: string[]; hours: string[]; zones: string[]; special: string[] } {
  const polls = ['deep24,inactive,2024-03-10T23:30:00.000Z', 'deep24,active,2024-03-19T11:30:00.000Z'];
  for (let t = Date.parse('2024-03-11T00:30:00Z'); t < Date.parse('2024-03-14T00:00:00Z'); t += HOUR)
    polls.push(`deep24,active,${iso(t)}`);
  let i = 0;
  for (let t = Date.parse('2024-03-25T00:20:00Z'); t <= Date.parse('2024-04-07T00:30:00Z'); t += HOUR, i++) {
    const silent = i % 100 >= 90; // 10 polls of every 100 missing
    if (!silent) polls.push(`night,${i % 9 < 6 ? 'active' : 'inactive'},${iso(t)}`);
  }
  return {
    polls,
    hours: [0, 1, 2, 3, 4, 5, 6].map((day) => `night,${day},10:00,18:00`),
    zones: ['deep24,UTC', 'night,Europe/Berlin'],
    special: [
      'deep24,2024-03-11,,',
      'deep24,2024-03-12,,',
      'deep24,2024-03-13,,',
      'night,2024-03-31,22:00,02:00',
      'night,2024-04-01,,',
    ],
  };
}

beforeAll(() => migrateDatabase(url.toString()), 120_000);
afterAll(() => database.drop());

describe('store-monitor report --db', () => {
  it('writes byte for byte the CSV that report writes from the same files', () => {
    const dir = fixtureDir({});
    expect(runCli(['generate', '--out', dir, '--stores', '80', '--days', '12', '--seed', '11']).status).toBe(0);
    const deep = deepEvidenceStore();
    const special = specialDayStores();
    const append = (name: string, lines: string[]) => {
      const path = join(dir, name);
      const before = existsSync(path) ? readFileSync(path, 'utf8') : 'store_id,date,start_time_local,end_time_local\n';
      writeFileSync(path, `${before}${lines.join('\n')}\n`);
    };
    append('store_status.csv', [...deep.polls, ...special.polls]);
    append('menu_hours.csv', [...deep.hours, ...special.hours]);
    append('timezones.csv', [...deep.zones, ...special.zones]);
    append('special_hours.csv', special.special);
    expect(runCli(['ingest', '--data', dir], env).status).toBe(0);

    for (const asOf of [undefined, '2024-04-03T12:00:00Z', '2024-03-31T01:30:00Z', '2024-03-20T12:00:00Z']) {
      for (const policy of ['nearest', 'forward']) {
        for (const maxGap of [undefined, '2h']) {
          const args = [
            '--policy',
            policy,
            ...(asOf ? ['--as-of', asOf] : []),
            ...(maxGap ? ['--max-gap', maxGap] : []),
          ];
          const files = runCli(['report', '--data', dir, ...args]);
          const database = runCli(['report', '--db', ...args], env);
          expect(database.status).toBe(0);
          expect(database.stdout).toBe(files.stdout);
          const [header, ...rows] = files.stdout.split('\n');
          expect(header.split(',')).toHaveLength(maxGap ? 10 : 7);
          // Before the generated polls begin (2024-03-26) only the deep stores have any.
          expect(rows.length).toBeGreaterThan(asOf === '2024-03-20T12:00:00Z' ? 2 : 60);
        }
      }
    }
    const rowsAt = (...args: string[]) =>
      runCli(['report', '--db', '--as-of', '2024-03-20T12:00:00Z', ...args], env).stdout.split('\n');
    // Nearest: the one poll inside business hours (inactive) is the only evidence; Monday 09:00-09:30 UTC.
    expect(rowsAt().find((l) => l.startsWith('deep,'))).toBe('deep,0.00,0.00,0.00,0.00,0.00,0.50');
    // Business time from 03-14 00:00 (156 h); the inactive 03-10 23:30 poll rules up to halfway to
    // the active 03-19 11:30 one, 03-15 05:30: 29.5 h down. With a 2 h gap, only 09:30-13:30 on 03-19 is known.
    expect(rowsAt().find((l) => l.startsWith('deep24,'))).toBe('deep24,60.00,24.00,126.50,0.00,0.00,29.50');
    expect(rowsAt('--max-gap', '2h').find((l) => l.startsWith('deep24,'))).toBe(
      'deep24,0.00,1.50,4.00,0.00,0.00,0.00,60.00,22.50,152.00',
    );
  });

  it('refuses input files', () => {
    const result = runCli(['report', '--db', '--data', 'x'], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--db reads the database: it takes no input files and has no rejects');
  });
});

describe('store-monitor report --db --as-of outside the data', () => {
  // A database of its own, so that its bounds are this data's alone.
  const own = testDatabaseUrl();
  const ownEnv = { DATABASE_URL: own.url };
  const dir = fixtureDir({
    'store_status.csv':
      'store_id,status,timestamp_utc\na,active,2020-05-01 10:00:00 UTC\nb,inactive,2020-05-03 12:30:00 UTC\n',
  });
  const BOUNDS =
    'it must be from the first poll (2020-05-01T10:00:00Z) to 1d after the latest poll (2020-05-03T12:30:00Z)';
  const refused = (message: string) => ({
    status: 2,
    stdout: '',
    stderr: `store-monitor report: ${message}\nrun "store-monitor report --help" for usage\n`,
  });

  beforeAll(async () => {
    await migrateDatabase(own.url);
    expect(runCli(['ingest', '--data', dir], ownEnv).status).toBe(0);
  }, 120_000);
  afterAll(() => own.drop());

  it('refuses an as_of before the first poll or past the margin, in the words the files get', () => {
    expect(runCli(['report', '--db', '--as-of', '2020-05-01T09:59:59Z'], ownEnv)).toEqual(
      refused(`as_of 2020-05-01T09:59:59Z is before the first poll: ${BOUNDS}`),
    );
    expect(runCli(['report', '--db', '--as-of', '2020-05-04T12:30:01Z'], ownEnv)).toEqual(
      refused(`as_of 2020-05-04T12:30:01Z is more than 1d after the latest poll: ${BOUNDS}`),
    );
  });

  it('reports an as_of at either bound as the files do', () => {
    for (const asOf of ['2020-05-01T10:00:00Z', '2020-05-04T12:30:00Z']) {
      const database = runCli(['report', '--db', '--as-of', asOf], ownEnv);
      expect(database.status).toBe(0);
      expect(database.stdout).toBe(runCli(['report', '--data', dir, '--as-of', asOf]).stdout);
    }
  });
});
