import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { migrateDatabase } from '@store-monitor/db';
import { CHUNK_QUEUE, REPORT_QUEUE, createRedisConnection } from '@store-monitor/jobs';
import { deleteKeys, listenPort, REDIS_URL, testDatabaseUrl, uniquePrefix, waitFor } from '@store-monitor/test-support';
import { WorkerProcess } from '../../worker/test/support/worker-process';
import { runCli } from './run-cli';
import { LauncherProcess } from './support/launcher-process';

/**
 * Ctrl-C on `store-monitor start` mid-report, as a terminal sends it: SIGINT to the launcher's
 * whole process group. Each service must get one stop request, drain, and exit 0; the launcher's
 * last line says so; and the report's unfinished chunks wait in Redis, unlocked, for the next
 * worker, which finishes the report at once instead of after BullMQ's stalled-job recovery
 * (a 30 s lock plus a 15 s check).
 */

/** Well under the lock expiry plus the stalled-job interval that would free an abandoned chunk. */
const HANDED_OVER_WITHIN_MS = 15_000;

const database = testDatabaseUrl();
const work = mkdtempSync(join(tmpdir(), 'store-monitor-signals-'));
const redis = createRedisConnection(REDIS_URL, 'worker');
const prefixes: string[] = [];
const processes: (LauncherProcess | WorkerProcess)[] = [];
let expectedCsv: string;

beforeAll(async () => {
  const data = join(work, 'data');
  expect(runCli(['generate', '--out', data, '--stores', '2000', '--days', '7']).status).toBe(0);
  await migrateDatabase(database.url);
  expect(runCli(['ingest', '--data', data], { DATABASE_URL: database.url }).status).toBe(0);
  expectedCsv = runCli(['report', '--db'], { DATABASE_URL: database.url }).stdout;
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  for (const prefix of prefixes) await deleteKeys(prefix);
  await redis.quit();
  await database.drop();
  rmSync(work, { recursive: true, force: true });
});

/** One launcher's world: its own port, queue prefix and reports folder, on the shared database. */
function world(extra: Record<string, string> = {}) {
  const prefix = uniquePrefix('sm-signals');
  prefixes.push(prefix);
  const port = listenPort();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    PORT: String(port),
    HOST: '127.0.0.1',
    QUEUE_PREFIX: prefix,
    REPORTS_DIR: mkdtempSync(join(work, 'reports-')),
    // 200 chunks, one at a time: the report takes seconds, so Ctrl-C lands in the middle.
    REPORT_CHUNK_STORES: '10',
    WORKER_CONCURRENCY: '1',
    BULL_BOARD_PASSWORD: 'a-board-password',
    ...extra,
  };
  const queues = [REPORT_QUEUE, CHUNK_QUEUE].map((name) => new Queue(name, { connection: redis, prefix }));
  const chunks = queues[1];
  return {
    env,
    chunks,
    start(): LauncherProcess {
      const launcher = new LauncherProcess([], env);
      processes.push(launcher);
      return launcher;
    },
    startViaNpm(): LauncherProcess {
      const launcher = LauncherProcess.viaNpm(env);
      processes.push(launcher);
      return launcher;
    },
    startWorker(): WorkerProcess {
      const worker = new WorkerProcess(env);
      processes.push(worker);
      return worker;
    },
    async trigger(): Promise<string> {
      const response = await fetch(`http://127.0.0.1:${port}/trigger_report`, { method: 'POST' });
      expect(response.status).toBe(202);
      return ((await response.json()) as { report_id: string }).report_id;
    },
    /** Jobs still held by a worker, and their locks: after a clean stop there must be none. */
    async held(): Promise<{ active: number; locks: string[] }> {
      const active = (await Promise.all(queues.map((queue) => queue.getActiveCount()))).reduce((a, b) => a + b, 0);
      return { active, locks: await redis.keys(`${prefix}:*:lock`) };
    },
    close: () => Promise.all(queues.map((queue) => queue.close())),
  };
}

async function reportRow(id: string): Promise<{ status: string; file_path: string | null }> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query('SELECT status, file_path FROM reports WHERE id = $1', [id])).rows[0];
  } finally {
    await client.end();
  }
}

/** Some chunks done, some still waiting: the report is mid-way. */
async function midReport(chunks: Queue): Promise<void> {
  await waitFor(
    'some but not all chunks done',
    60_000,
    async () => (await chunks.getCompletedCount()) >= 5 && (await chunks.getWaitingCount()) >= 20,
  );
}

/** A worker started after the stop takes the chunks left waiting at once and completes the report. */
async function finishesWithNextWorker(w: ReturnType<typeof world>, reportId: string): Promise<number> {
  const worker = w.startWorker();
  const started = Date.now();
  const row = await waitFor('the report to complete', 60_000, async () => {
    const current = await reportRow(reportId);
    return current.status === 'complete' || current.status === 'failed' ? current : undefined;
  });
  const took = Date.now() - started;
  expect(row.status).toBe('complete');
  expect(readFileSync(row.file_path!, 'utf8')).toBe(expectedCsv);
  expect(worker.count('job stalled')).toBe(0);
  worker.signal('SIGTERM');
  expect(await worker.exited).toBe(0);
  return took;
}

/** A launcher with the API and one worker, mid-way through a report. */
async function midReportLauncher(extra: Record<string, string> = {}) {
  const w = world(extra);
  const launcher = w.start();
  await launcher.waitForLine('store-monitor is running', 120_000);
  const reportId = await w.trigger();
  await midReport(w.chunks);
  return { w, launcher, reportId };
}

/** Every process exited 0, none was forced, the last line says so, and no job is left held. */
async function expectStoppedCleanly(launcher: LauncherProcess, w: ReturnType<typeof world>): Promise<void> {
  expect(await launcher.exited).toBe(0);
  expect(launcher.log).not.toContain('forced exit');
  expect(launcher.lastLine).toBe('store-monitor: stopped cleanly (api, worker 1)');
  expect(await w.held()).toEqual({ active: 0, locks: [] });
}

/** The next worker finishes the report long before stalled-job recovery could have freed a chunk. */
async function expectHandedOver(w: ReturnType<typeof world>, reportId: string): Promise<void> {
  expect(await finishesWithNextWorker(w, reportId)).toBeLessThan(HANDED_OVER_WITHIN_MS);
  await w.close();
}

describe('Ctrl-C on store-monitor start', () => {
  it('drains every service once mid-report: exit 0 everywhere, one clean last line, the rest handed over', async () => {
    const { w, launcher, reportId } = await midReportLauncher();
    launcher.pressCtrlC();
    await expectStoppedCleanly(launcher, w);
    expect(launcher.log).not.toMatch(/SIG\w+ again/);
    expect(launcher.count('shutting down signal=SIGTERM')).toBe(1);
    expect(launcher.count('shutting down')).toBe(1);
    expect(launcher.count('store-monitor: stopping: running jobs finish first (Ctrl-C again to stop now)')).toBe(1);
    expect((await reportRow(reportId)).status).toBe('running');
    expect(await w.chunks.getWaitingCount()).toBeGreaterThan(0);
    await expectHandedOver(w, reportId);
  }, 240_000);

  it('hands a chunk that outlasts the drain time back to the queue, and still exits 0', async () => {
    const { w, launcher, reportId } = await midReportLauncher({ WORKER_DRAIN_SECONDS: '1' });
    const release = await chunkThatRunsLong(launcher);
    try {
      launcher.pressCtrlC();
      await expectStoppedCleanly(launcher, w);
      expect(launcher.count('drain time is up: handing back running jobs')).toBe(1);
      expect(launcher.count(`job handed back queue=${CHUNK_QUEUE}`)).toBe(1);
    } finally {
      await release();
    }
    await expectHandedOver(w, reportId);
  }, 240_000);

  it('hands the running chunk back at once on a second Ctrl-C, well before the drain time', async () => {
    const { w, launcher, reportId } = await midReportLauncher();
    const release = await chunkThatRunsLong(launcher);
    try {
      launcher.pressCtrlC();
      await launcher.waitForLine('shutting down signal=SIGTERM', 10_000);
      await new Promise((wait) => setTimeout(wait, 600));
      const pressed = Date.now();
      launcher.pressCtrlC();
      await expectStoppedCleanly(launcher, w);
      expect(Date.now() - pressed).toBeLessThan(5_000);
      expect(
        launcher.count(
          'store-monitor: stopping now: the workers hand their running jobs back, the API drops open requests',
        ),
      ).toBe(1);
      expect(launcher.count('SIGTERM again: handing back running jobs now')).toBe(1);
      expect(launcher.count(`job handed back queue=${CHUNK_QUEUE}`)).toBe(1);
    } finally {
      await release();
    }
    await expectHandedOver(w, reportId);
  }, 240_000);
});

describe('two signals close together', () => {
  it('are one press (npm passes Ctrl-C on as well): the running chunk finishes, nothing is handed back', async () => {
    const { w, launcher, reportId } = await midReportLauncher();
    const release = await chunkThatRunsLong(launcher);
    let released = false;
    try {
      launcher.pressCtrlC();
      await new Promise((wait) => setTimeout(wait, 100));
      process.kill(launcher.pid, 'SIGINT');
      await launcher.waitForLine('shutting down signal=SIGTERM', 10_000);
      await new Promise((wait) => setTimeout(wait, 1000));
      await release();
      released = true;
      await expectStoppedCleanly(launcher, w);
    } finally {
      if (!released) await release();
    }
    expect(launcher.count('store-monitor: stopping')).toBe(1);
    expect(launcher.log).not.toMatch(/SIG\w+ again/);
    expect(launcher.count('job handed back')).toBe(0);
    // The chunk that was waiting on the lock finished after the stop request, in this worker.
    const events = launcher.lines
      .map((line) => /^\S+Z (shutting down|chunk \w+|job handed back|worker stopped)/.exec(line)?.[1])
      .filter(Boolean);
    expect(events.slice(events.indexOf('shutting down'))).toEqual(['shutting down', 'chunk done', 'worker stopped']);
    await expectHandedOver(w, reportId);
  }, 240_000);
});

describe('Ctrl-C on npm start, as the README runs it', () => {
  it('stops everything once, cleanly, and npm itself exits 0', async () => {
    const w = world();
    const launcher = w.startViaNpm();
    await launcher.waitForLine('store-monitor is running', 180_000);
    launcher.pressCtrlC();
    await expectStoppedCleanly(launcher, w);
    expect(launcher.count('store-monitor: stopping')).toBe(1);
    await w.close();
  }, 240_000);
});

describe('a launcher that dies', () => {
  it('takes no service with it unstopped: each notices, drains and exits', async () => {
    const w = world({ LOG_LEVEL: 'info' });
    const launcher = w.start();
    await launcher.waitForLine('store-monitor is running', 120_000);
    process.kill(launcher.pid, 'SIGKILL');
    expect(await launcher.exited).toBe(null);
    await launcher.outputClosed;

    expect(launcher.count('shutting down reason="launcher gone"')).toBe(1);
    expect(launcher.count('worker stopped')).toBe(1);
    expect(launcher.count('launcher gone: finishing in-flight requests, then exiting')).toBe(1);
    expect(launcher.log).not.toContain('forced exit');
    await expect(fetch(`http://127.0.0.1:${w.env.PORT}/healthz`)).rejects.toThrow();
    await w.close();
  }, 120_000);
});

/**
 * Holds an exclusive lock on the polls table, so the next chunk's query waits on it: a chunk that
 * runs as long as the test wants. Resolves once a chunk is waiting; call the result to release.
 */
async function chunkThatRunsLong(launcher: LauncherProcess): Promise<() => Promise<void>> {
  const blocker = new Client({ connectionString: database.url });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE polls IN ACCESS EXCLUSIVE MODE');
  const release = async () => {
    await blocker.query('ROLLBACK');
    await blocker.end();
  };
  try {
    await waitFor('a chunk to wait on the lock', 10_000, async () => {
      const done = launcher.count('chunk done');
      await new Promise((wait) => setTimeout(wait, 700));
      return launcher.count('chunk done') === done && launcher.count('chunk started') === done + 1;
    });
  } catch (error) {
    await release();
    throw error;
  }
  return release;
}
