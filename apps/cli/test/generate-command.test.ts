import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

const FILES = ['store_status.csv', 'menu_hours.csv', 'timezones.csv', 'special_hours.csv'];
const BUNDLED = join(__dirname, '../../../data');

const base = mkdtempSync(join(tmpdir(), 'store-monitor-generate-'));

describe('store-monitor generate', () => {
  it('writes the same bytes for the same options and a report reads them cleanly', () => {
    const [a, b] = ['a', 'b'].map((name) => join(base, name));
    for (const dir of [a, b]) {
      const result = runCli(['generate', '--out', dir, '--stores', '40', '--days', '3', '--seed', '7']);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/^stores: 40, polls: \d+/);
    }
    for (const file of FILES) expect(readFileSync(join(a, file))).toEqual(readFileSync(join(b, file)));

    const report = runCli(['report', '--data', a]);
    expect(report.status).toBe(0);
    expect(report.stderr).toContain('rows rejected: 0');
    const rows = report.stdout.trim().split('\n').slice(1);
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.length).toBeLessThanOrEqual(40);
  });

  it('exits 2 naming the folder when it cannot be made', () => {
    const file = join(base, 'plain-file');
    writeFileSync(file, 'not a folder');
    const result = runCli(['generate', '--out', join(file, 'inside'), '--stores', '2', '--days', '1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^store-monitor: cannot write .*inside: a part of the path is not a directory\n$/);
  });

  it('needs --out and validates numbers', () => {
    expect(runCli(['generate']).stderr).toContain('generate needs --out DIR');
    const bad = runCli(['generate', '--out', join(base, 'c'), '--stores', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--stores must be a whole number from 1 to 10000000, got "many"');
  });

  it('--special-days sets the share of stores with special days', () => {
    const dir = join(base, 'half');
    const half = runCli(['generate', '--out', dir, '--stores', '40', '--days', '3', '--special-days', '50']);
    expect(half.stderr).toMatch(/, special-hours rows: \d+, /);
    const ids = readFileSync(join(dir, 'special_hours.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(new Set(ids).size).toBe(20);
    const none = runCli([
      'generate',
      '--out',
      join(base, 'none'),
      '--stores',
      '4',
      '--days',
      '2',
      '--special-days',
      '0',
    ]);
    expect(none.stderr).toContain('special-hours rows: 0,');
    expect(readFileSync(join(base, 'none', 'special_hours.csv'), 'utf8')).toBe(
      'store_id,date,start_time_local,end_time_local\n',
    );
    const bad = runCli(['generate', '--out', join(base, 'd'), '--special-days', '101']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--special-days must be a whole number from 0 to 100, got "101"');
  });
});

describe('the bundled sample data', () => {
  it('is what `generate` makes on its defaults, and the default report reads it', () => {
    const dir = join(base, 'defaults');
    expect(runCli(['generate', '--out', dir]).status).toBe(0);
    for (const file of FILES) expect(readFileSync(join(dir, file))).toEqual(readFileSync(join(BUNDLED, file)));

    const report = runCli(['report']);
    expect(report.status).toBe(0);
    expect(report.stderr).toContain(
      'stores: 200, polls read: 36887, special days read: 29, rows rejected: 0, now: 2024-04-07T00:29:26.217Z',
    );
  });

  it('shows special days: they change the report of the 20 stores that have them', () => {
    const [withSpecial, weeklyOnly] = [['report'], ['report', ...weeklyFiles()]].map((args) => rowsOf(runCli(args)));
    const changed = withSpecial.filter((row, i) => row.join() !== weeklyOnly[i].join());
    const special = new Set(
      readFileSync(join(BUNDLED, 'special_hours.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    );
    expect(special.size).toBe(20);
    expect(changed).toHaveLength(20);
    for (const row of changed) expect(special.has(row[0])).toBe(true);
  });

  it('shows silent stretches: with a 2h max gap, stores have unknown time in every window', () => {
    const report = runCli(['report', '--max-gap', '2h']);
    expect(report.status).toBe(0);
    const rows = rowsOf(report);
    const unknownIn = (column: number) => rows.filter((row) => Number(row[column]) > 0).length;
    expect([unknownIn(7), unknownIn(8), unknownIn(9)]).toEqual([9, 17, 40]);
  });
});

function weeklyFiles(): string[] {
  const file = (name: string) => join(BUNDLED, name);
  return ['--polls', file('store_status.csv'), '--hours', file('menu_hours.csv'), '--timezones', file('timezones.csv')];
}

function rowsOf(result: { status: number | null; stdout: string }): string[][] {
  expect(result.status).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}
