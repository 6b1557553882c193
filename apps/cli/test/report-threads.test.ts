import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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

  // Both threads read the schedule files; the rejects, and any file's error, must be one thread's.
  const messy = () =>
    fixtureDir({
      'store_status.csv': 'store_id,status,timestamp_utc\n1,active,2024-01-08 13:50:00 UTC\nbad,up,2024\n',
      'menu_hours.csv': 'store_id,day,start_time_local,end_time_local\n1,0,09:00,17:00\n1,9,09:00,17:00\n"2,0,x\n',
      'timezones.csv': 'store_id,timezone_str\n1,America/New_York\n2,Mars/Base\n',
      'special_hours.csv': 'store_id,date,start_time_local,end_time_local\n1,2024-01-08,,\n1,2024-02-30,,\n',
    });

  it('reports the same rejects, in the same order, to standard error and --rejects', () => {
    const files = messy();
    const run = (threads: string) => {
      const rejects = join(dir, `rejects-${threads}.csv`);
      const result = runCli(['report', '--data', files, '--threads', threads, '--rejects', rejects]);
      return {
        ...result,
        stderr: result.stderr.replace(/seconds: [\d.]+/, 'seconds'),
        rejects: readFileSync(rejects, 'utf8'),
      };
    };
    const one = run('1');
    expect(one.status).toBe(0);
    expect(one.stderr).toContain('polls read: 2, special days read: 2, rows rejected: 5');
    expect(one.rejects.split('\n').length).toBe(7);
    expect(run('2')).toEqual(one);
  });

  it.each([
    ['menu_hours.csv', 'store_id,weekday\n'],
    ['timezones.csv', 'nothing,here\n'],
    ['special_hours.csv', 'store_id\n'],
  ])('fails on a bad %s exactly as one thread does', (name, text) => {
    const files = fixtureDir({ ...readAll(messy()), [name]: text });
    const one = runCli(['report', '--data', files, '--threads', '1']);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain(name);
    expect(runCli(['report', '--data', files, '--threads', '2'])).toEqual(one);
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

function readAll(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}
