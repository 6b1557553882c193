import { readFileSync, writeFileSync } from 'node:fs';
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

beforeAll(() => migrateDatabase(url.toString()), 120_000);
afterAll(() => database.drop());

describe('store-monitor report --db', () => {
  it('writes byte for byte the CSV that report writes from the same files', () => {
    const dir = fixtureDir({});
    expect(runCli(['generate', '--out', dir, '--stores', '80', '--days', '12', '--seed', '11']).status).toBe(0);
    const deep = deepEvidenceStore();
    const append = (name: string, lines: string[]) =>
      writeFileSync(join(dir, name), `${readFileSync(join(dir, name), 'utf8')}${lines.join('\n')}\n`);
    append('store_status.csv', deep.polls);
    append('menu_hours.csv', deep.hours);
    append('timezones.csv', deep.zones);
    expect(runCli(['ingest', '--data', dir], env).status).toBe(0);

    for (const asOf of [undefined, '2024-04-03T12:00:00Z', '2024-03-31T01:30:00Z', '2024-03-20T12:00:00Z']) {
      for (const policy of ['nearest', 'forward']) {
        const args = ['--policy', policy, ...(asOf ? ['--as-of', asOf] : [])];
        const files = runCli(['report', '--data', dir, ...args]);
        const database = runCli(['report', '--db', ...args], env);
        expect(database.status).toBe(0);
        expect(database.stdout).toBe(files.stdout);
        // Before the generated polls begin (2024-03-26) only the deep store has any.
        expect(files.stdout.split('\n').length).toBeGreaterThan(asOf === '2024-03-20T12:00:00Z' ? 2 : 60);
      }
    }
    const deepRow = runCli(['report', '--db', '--as-of', '2024-03-20T12:00:00Z'], env)
      .stdout.split('\n')
      .find((l) => l.startsWith('deep,'));
    // Nearest: the one poll inside business hours (inactive) is the only evidence; Monday 09:00-09:30 UTC.
    expect(deepRow).toBe('deep,0.00,0.00,0.00,0.00,0.00,0.50');
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
