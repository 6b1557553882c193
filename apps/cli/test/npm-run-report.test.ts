import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPORT_HEADER } from '@store-monitor/engine';
import { CLI } from './run-cli';

const ROOT = resolve(__dirname, '../../..');

/** The environment of a shell a user types in: none of the npm_* settings an outer `npm test` passes down. */
function userShellEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

describe("the README's main command, redirected to a file", () => {
  it('writes the CSV alone, byte for byte what store-monitor report writes, header first', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'store-monitor-npx-')), 'report.csv');
    // As the README says it, through a shell; --no: never offer to fetch a package of that name.
    const npx = spawnSync('sh', ['-c', 'npx --no store-monitor report > "$OUT"'], {
      cwd: ROOT,
      env: { ...userShellEnv(), OUT: out },
      encoding: 'utf8',
    });
    expect(npx.stderr).toMatch(/^stores: 200, polls read: \d+/m);
    expect(npx.status).toBe(0);
    const command = spawnSync(process.execPath, [CLI, 'report'], { cwd: ROOT, encoding: 'utf8' });
    expect(command.status).toBe(0);

    const written = readFileSync(out, 'utf8');
    expect(written.slice(0, REPORT_HEADER.length + 1)).toBe(`${REPORT_HEADER}\n`);
    expect(written).toBe(command.stdout);
  }, 180_000);
});
