import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

const FILES = ['store_status.csv', 'menu_hours.csv', 'timezones.csv'];

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
});

describe('the bundled sample data', () => {
  it('is what `generate` makes on its defaults, and the default report reads it', () => {
    const dir = join(base, 'defaults');
    expect(runCli(['generate', '--out', dir]).status).toBe(0);
    const bundled = join(__dirname, '../../../data');
    for (const file of FILES) expect(readFileSync(join(dir, file))).toEqual(readFileSync(join(bundled, file)));

    const report = runCli(['report']);
    expect(report.status).toBe(0);
    expect(report.stderr).toContain('stores: 200, polls read: 37145, rows rejected: 0, now: 2024-04-07T00:29:26.217Z');
  });
});
