import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteKeys, listenPort, testDatabaseUrl, uniquePrefix } from '@store-monitor/test-support';
import { CLI, runCli } from './run-cli';
import { databaseExists } from './support/database-exists';

/**
 * The README's promise, end to end: `store-monitor start` on an empty database migrates it, loads
 * the sample data and runs the API with two workers; a report triggered over HTTP comes back as
 * the very CSV `store-monitor report` writes from the same files; Ctrl-C stops everything cleanly.
 */
const database = testDatabaseUrl();
const port = listenPort();
const base = `http://127.0.0.1:${port}`;
const prefix = uniquePrefix('sm-start-test');
let launcher: ChildProcess;
let log = '';

beforeAll(async () => {
  launcher = spawn(process.execPath, [CLI, 'start', '--workers', '2'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      QUEUE_PREFIX: prefix,
      REPORTS_DIR: mkdtempSync(join(tmpdir(), 'store-monitor-start-')),
      REPORT_CHUNK_STORES: '30',
      LOG_LEVEL: 'warn',
      BULL_BOARD_PASSWORD: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  launcher.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await until(
    () => log.includes('store-monitor is running'),
    120_000,
    () => `no welcome; log:\n${log}`,
  );
}, 150_000);

afterAll(async () => {
  if (launcher.exitCode === null) launcher.kill('SIGKILL');
  await deleteKeys(prefix);
  await database.drop();
});

describe('store-monitor start', () => {
  it('loads the sample data into the empty database and says how to reach everything', () => {
    expect(log).toContain('the database has no polls: loading the sample data');
    expect(log).toMatch(/polls .*store_status\.csv: read \d+, inserted \d+/);
    // The address the API listens on, as it told the launcher, not one that might be another's.
    expect(log).toContain(`API         http://127.0.0.1:${port}`);
    expect(log).toContain(`console     http://127.0.0.1:${port}/  (open it in a browser)`);
    expect(log).toContain(`API docs    http://127.0.0.1:${port}/docs`);
    expect(log).toMatch(
      /Bull Board {2}http:\/\/127\.0\.0\.1:\d+\/admin\/queues {2}user admin, password \S+ \(made for this run/,
    );
  });

  it.each([
    [{}, []],
    [{ policy: 'forward', as_of: '2024-04-06T12:00:00Z' }, ['--policy', 'forward', '--as-of', '2024-04-06T12:00:00Z']],
  ])(
    'serves a triggered report (%j) byte for byte as store-monitor report writes it',
    async (body, args) => {
      const csv = await reportThroughApi(body);
      const files = runCli(['report', ...args]);
      expect(files.status).toBe(0);
      expect(csv).toBe(files.stdout);
      expect(csv.split('\n').length).toBeGreaterThan(150);
    },
    60_000,
  );

  it('builds concurrent triggers side by side, each as its own parameters ask', async () => {
    const variants: [object, string[]][] = [
      [{ policy: 'forward' }, ['--policy', 'forward']],
      [{ as_of: '2024-04-05T00:00:00Z' }, ['--as-of', '2024-04-05T00:00:00Z']],
      [
        { as_of: '2024-04-03T09:30:00+02:00', policy: 'forward' },
        ['--as-of', '2024-04-03T09:30:00+02:00', '--policy', 'forward'],
      ],
    ];
    const requests = [...variants, ...variants, ...variants, ...variants];
    const csvs = await Promise.all(requests.map(([body]) => reportThroughApi(body)));
    const expected = variants.map(([, args]) => runCli(['report', ...args]).stdout);
    expect(new Set(expected).size).toBe(variants.length);
    for (const [i, csv] of csvs.entries()) expect(csv).toBe(expected[i % variants.length]);
  }, 120_000);

  it('opens Bull Board with the printed credentials only', async () => {
    const password = /password (\S+) \(made for this run/.exec(log)![1];
    const auth = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
    expect((await fetch(`${base}/admin/queues`, { headers: { authorization: auth } })).status).toBe(200);
  });

  it('refuses a second start on the same port in one line, exit 2, before touching anything', async () => {
    const other = testDatabaseUrl();
    try {
      const second = runCli(['start'], {
        DATABASE_URL: other.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        QUEUE_PREFIX: prefix,
      });
      expect(second).toEqual({
        status: 2,
        stdout: '',
        stderr: `store-monitor: port ${port} on 127.0.0.1 is already in use (another store-monitor?); set PORT to choose another\n`,
      });
      expect(await databaseExists(other.url)).toBe(false);
    } finally {
      await other.drop();
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('stops the API and the workers on Ctrl-C and exits cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => launcher.on('exit', (code) => resolve(code)));
    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(log).not.toContain('forced exit');
    expect(log.trimEnd().split('\n').at(-1)).toBe('store-monitor: stopped cleanly (api, worker 1, worker 2)');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);
});

async function reportThroughApi(body: object): Promise<string> {
  const trigger = await fetch(`${base}/trigger_report`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(trigger.status).toBe(202);
  const { report_id: id } = (await trigger.json()) as { report_id: string };
  for (;;) {
    const response = await fetch(`${base}/get_report?report_id=${id}`);
    expect(response.status).toBe(200);
    if (response.headers.get('x-report-status') === 'Complete') {
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="report-${id}.csv"`);
      return response.text();
    }
    const status = (await response.json()) as { status: string; progress: number };
    expect(status).toMatchObject({ status: 'Running' });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function until(done: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline || launcher.exitCode !== null) throw new Error(why());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
