import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '../../../packages/db/test/test-database';
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
    const append = (name: string, lines: string[]) => writeFileSync(join(dir, name), `${readFileSync(join(dir, name), 'utf8')}${lines.join('\n')}\n`);
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
    const deepRow = runCli(['report', '--db', '--as-of', '2024-03-20T12:00:00Z'], env).stdout.split('\n').find((l) => l.startsWith('deep,'));
    // Nearest: the one poll inside business hours (inactive) is the only evidence; Monday 09:00-09:30 UTC.
    expect(deepRow).toBe('deep,0.00,0.00,0.00,0.00,0.00,0.50');
  });

  it('refuses input files', () => {
    const result = runCli(['report', '--db', '--data', 'x'], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--db reads the database: it takes no input files and has no rejects');
  });
});
