import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureDir, runCli } from './run-cli';

/**
 * `report --threads N` cuts the stores into N runs computed on N threads (report-threads.ts). The
 * CSV must be the one thread's, byte for byte, whatever N, with special days, max gap, either
 * policy and polls in any order.
 */
describe('store-monitor report --threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-monitor-threads-'));
  const data = join(dir, 'data');
  beforeAll(() => {
    const args = ['generate', '--out', data, '--stores', '300', '--days', '8', '--seed', '7', '--special-days', '30'];
    expect(runCli(args).status).toBe(0);
  });

  const report = (threads: number, extra: string[]) => {
    const out = join(dir, `report-${threads}-${extra.join('_')}.csv`);
    const result = runCli(['report', '--data', data, '--threads', String(threads), '--out', out, ...extra]);
    expect(result.stderr).toMatch(/^stores: 3\d\d, /);
    expect(result.status).toBe(0);
    return readFileSync(out, 'utf8');
  };

  it.each([[[]], [['--policy', 'forward', '--max-gap', '2h']]])(
    'gives the same CSV on 1, 2 and 5 threads %j',
    (extra) => {
      const one = report(1, extra);
      expect(one.split('\n').length).toBeGreaterThan(300);
      expect(report(2, extra)).toBe(one);
      expect(report(5, extra)).toBe(one);
    },
  );

  it('gives the same CSV on more threads than stores', () => {
    const files = fixtureDir({
      'store_status.csv': 'store_id,status,timestamp_utc\n1,active,2024-01-08 13:50:00 UTC\n',
    });
    const one = runCli(['report', '--data', files, '--threads', '1']);
    expect(one.stdout).toContain('\n1,60.00,24.00,168.00,0.00,0.00,0.00\n');
    expect(runCli(['report', '--data', files, '--threads', '3']).stdout).toBe(one.stdout);
  });

  it.each(['0', '65', 'two', '1.5', '-1'])('refuses --threads %s with a usage error', (value) => {
    const result = runCli(['report', '--threads', value]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--threads must be a whole number from 1 to 64, got "${value}"`);
  });

  it('refuses --threads with --db', () => {
    const result = runCli(['report', '--db', '--threads', '2']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--db reads the database: it takes no input files, rejects or threads');
  });
});
