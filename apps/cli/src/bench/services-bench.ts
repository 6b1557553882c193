// The services half of `npm run bench`: trigger -> CSV ready through the API and the workers, with
// one and with two worker processes, beside report --db from the same run. The benchmark learns that
// a report is ready from its callback, not by polling GET /get_report: polled every 20 ms, the API's
// answers took CPU from the workers on a two-core machine and made their chunks up to twice as slow.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { CallbackReceiver } from './callback-receiver';
import { median, verdict } from './measure';
import { SERVICE_ENTRY, type Service, startService, stopService, waitForReady } from '../start/services';

const TARGETS = { oneWorker: 1.5 };
/** The port and queue prefix every benchmark of this process runs its API with (scale-bench.ts too). */
const PORT = 18_080 + (process.pid % 1000);
const BASE = `http://127.0.0.1:${PORT}`;
const PREFIX = `bench-${process.pid}`;
const CALLBACK_TIMEOUT_MS = 300_000;
const WORKER_PAIRS = 5;

export interface ServicesBenchInput {
  databaseUrl: string;
  workDir: string;
  /** report --db's seconds and CSV on the same database, from this run. */
  reportDbSeconds: number;
  reportDbCsv: string;
}

export async function runServicesBench(input: ServicesBenchInput): Promise<string[][]> {
  return withBenchApi(input.databaseUrl, join(input.workDir, 'reports'), async ({ env, receiver }) => {
    const pairs = await timeWorkerPairs(env, { csv: input.reportDbCsv, receiver });
    const one = median(pairs.map((pair) => pair.one));
    const two = median(pairs.map((pair) => pair.two));
    const ratios = pairs.map((pair) => pair.two / pair.one);
    const limit = TARGETS.oneWorker * input.reportDbSeconds;
    const ofReportDb = (seconds: number) => `${(seconds / input.reportDbSeconds).toFixed(2)}x report --db`;
    return [
      ['report --db, for reference', `${input.reportDbSeconds.toFixed(2)} s (median, from above)`],
      [
        'trigger -> CSV, 1 worker (x1)',
        `${one.toFixed(2)} s median of ${pairs.length}, ${ofReportDb(one)} ` +
          `(target <= ${TARGETS.oneWorker}x = ${limit.toFixed(2)} s) ${verdict(one <= limit)}`,
      ],
      ['trigger -> CSV, 2 workers (x1)', `${two.toFixed(2)} s median of ${pairs.length}, ${ofReportDb(two)}`],
      ['2 workers / 1 worker, per pair', ratios.map((ratio) => ratio.toFixed(2)).join(' ')],
      ['2 workers / 1 worker, median', `${median(ratios).toFixed(2)}x (target < 1x) ${verdict(median(ratios) < 1)}`],
    ];
  });
}

/** What `withBenchApi` hands its work: the services' environment, the callback receiver, the API. */
export interface BenchApi {
  env: NodeJS.ProcessEnv;
  receiver: CallbackReceiver;
  api: Service;
}

/**
 * A ready API on `databaseUrl` with a callback receiver, for `work` to start workers beside and
 * time reports through; afterwards the API, the receiver, the queue keys and `reportsDir` go.
 * Workers run one chunk at a time (with the default of two, one process already keeps both of
 * this machine's cores busy), so the number of worker processes is the parallelism.
 */
export async function withBenchApi<T>(
  databaseUrl: string,
  reportsDir: string,
  work: (api: BenchApi) => Promise<T>,
): Promise<T> {
  mkdirSync(reportsDir, { recursive: true });
  const receiver = await CallbackReceiver.start();
  const env: NodeJS.ProcessEnv = {
    ...benchServiceEnvironment(databaseUrl, reportsDir, PORT, PREFIX),
    WORKER_CONCURRENCY: '1',
    CALLBACK_ALLOWED_HOSTS: receiver.host,
    CALLBACK_SECRET: randomBytes(24).toString('hex'),
  };
  const api = startService('api', SERVICE_ENTRY.api, env, 'ignore');
  try {
    if (!(await waitForReady(`${BASE}/readyz`, 30_000))) throw new Error('the API did not become ready');
    return await work({ env, receiver, api });
  } finally {
    await stopService(api);
    await receiver.close();
    await removeQueueKeys(PREFIX);
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

export interface Expected {
  /** report --db's CSV, which every report through the services must equal. */
  csv: string;
  receiver: CallbackReceiver;
  /** How long to wait for the callback; the scale benchmark's large reports need longer. */
  timeoutMs?: number;
}

/**
 * One worker process runs throughout; each pair times a report with it alone, then starts a second
 * one, lets an untimed report warm it up (connections, code) and times a report with both, then
 * stops the second. Side by side, so the machine's drift falls on both halves of a pair alike.
 */
async function timeWorkerPairs(env: NodeJS.ProcessEnv, expected: Expected): Promise<{ one: number; two: number }[]> {
  const first = startService('worker 1', SERVICE_ENTRY.worker, env, 'ignore');
  try {
    await reportThroughApi(expected.receiver);
    const pairs: { one: number; two: number }[] = [];
    for (let pair = 0; pair < WORKER_PAIRS; pair++) {
      const one = await timedReport(expected, '1 worker');
      const second = startService('worker 2', SERVICE_ENTRY.worker, env, 'ignore');
      try {
        await reportThroughApi(expected.receiver);
        pairs.push({ one, two: await timedReport(expected, '2 workers') });
      } finally {
        await stopService(second);
      }
    }
    return pairs;
  } finally {
    await stopService(first);
  }
}

/** Seconds from trigger to the CSV downloaded, checked against report --db's. */
export async function timedReport(expected: Expected, workers: string): Promise<number> {
  const started = process.hrtime.bigint();
  const csv = await reportThroughApi(expected.receiver, expected.timeoutMs);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (csv !== expected.csv) throw new Error(`the CSV from ${workers} differs from report --db's`);
  return seconds;
}

/** Triggers a report with a callback, waits for the callback, then downloads the CSV. */
export async function reportThroughApi(receiver: CallbackReceiver, timeoutMs = CALLBACK_TIMEOUT_MS): Promise<string> {
  const headers = { ...apiKeyHeaders(), 'content-type': 'application/json' };
  const body = JSON.stringify({ callback_url: receiver.url });
  const trigger = await fetch(`${BASE}/trigger_report`, { method: 'POST', headers, body });
  if (trigger.status !== 202) {
    throw new Error(`POST /trigger_report answered ${trigger.status}: ${await trigger.text()}`);
  }
  const { report_id: id } = (await trigger.json()) as { report_id: string };
  const callback = await receiver.next(id, timeoutMs);
  if (callback.status !== 'complete') throw new Error(`report ${id} ended ${callback.status}: ${callback.error}`);
  const response = await fetch(`${BASE}/get_report?report_id=${id}`, { headers: apiKeyHeaders() });
  if (response.headers.get('x-report-status') !== 'Complete') {
    throw new Error(`report ${id} called back complete, but GET /get_report answered ${response.status}`);
  }
  return response.text();
}

/** What a benchmark's API and workers run with: their own port, queue prefix and reports folder, quiet logs. */
export function benchServiceEnvironment(
  databaseUrl: string,
  reportsDir: string,
  port: number,
  prefix: string,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REPORTS_DIR: reportsDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    QUEUE_PREFIX: prefix,
    BULL_BOARD_USER: 'bench',
    BULL_BOARD_PASSWORD: randomBytes(12).toString('hex'),
    LOG_LEVEL: 'warn',
    // The load benchmark triggers hundreds of reports a minute from one address on purpose.
    TRIGGER_RATE_LIMIT: 'off',
  };
}

/** The API key the benchmarked API was started with (it inherits this environment), if any. */
export function apiKeyHeaders(): Record<string, string> {
  return process.env.API_KEY ? { authorization: `Bearer ${process.env.API_KEY}` } : {};
}

/** Removes every Redis key under a benchmark's queue prefix, so runs leave nothing behind. */
export async function removeQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
