// The load half of `npm run bench`: one API and two workers (processes, as deployed) on the sample
// data, REPORTS reports triggered at once and GETS get_report calls spread over them while they run.
// Prints get_report's p50/p99 latency and reports completed per minute; every CSV is checked
// against report --db's. A benchmark, not a test: it reports figures and sets no targets.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_DATABASE_URL, dropDatabase, migrateDatabase, withDatabase } from '@store-monitor/db';
import { ingestHours, ingestPolls, ingestTimeZones } from '@store-monitor/ingest';
import { apiKeyHeaders, benchServiceEnvironment, removeQueueKeys } from './services-bench';
import { SERVICE_ENTRY, startService, stopService, waitForReady, type Service } from '../start/services';

const REPO = resolve(__dirname, '../../../..');
const SAMPLE = join(REPO, 'data');
const CLI = join(REPO, 'apps/cli/dist/main.js');
const PORT = 19_080 + (process.pid % 1000);
const BASE = `http://127.0.0.1:${PORT}`;
const REPORTS = 200;
const GETS = 2000;
const GET_CONCURRENCY = 50;
const WORKERS = 2;
const PREFIX = `load-bench-${process.pid}`;

export async function runLoadBench(): Promise<string[][]> {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = '/store_monitor_loadbench';
  const databaseUrl = url.toString();
  const workDir = mkdtempSync(join(tmpdir(), 'store-monitor-load-bench-'));
  const reportsDir = join(workDir, 'reports');
  mkdirSync(reportsDir);
  await dropDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const services: Service[] = [];
  try {
    await withDatabase(databaseUrl, { heldConnections: 1 }, async (db) => {
      await ingestPolls(db, join(SAMPLE, 'store_status.csv'));
      await ingestHours(db, join(SAMPLE, 'menu_hours.csv'));
      await ingestTimeZones(db, join(SAMPLE, 'timezones.csv'));
    });
    const expected = spawnSync(process.execPath, [CLI, 'report', '--db'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (expected.status !== 0) throw new Error(`report --db failed: ${expected.stderr}`);
    const env = benchServiceEnvironment(databaseUrl, reportsDir, PORT, PREFIX);
    services.push(startService('api', SERVICE_ENTRY.api, env, 'ignore'));
    if (!(await waitForReady(`${BASE}/readyz`, 30_000))) throw new Error('the API did not become ready');
    for (let i = 1; i <= WORKERS; i++) services.push(startService(`worker ${i}`, SERVICE_ENTRY.worker, env, 'ignore'));
    return await underLoad(expected.stdout);
  } finally {
    await Promise.all(services.map(stopService));
    await removeQueueKeys(PREFIX);
    await dropDatabase(databaseUrl);
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function underLoad(expectedCsv: string): Promise<string[][]> {
  const headers = apiKeyHeaders();
  const started = performance.now();
  const trigger = () => fetch(`${BASE}/trigger_report`, { method: 'POST', headers });
  const triggers = await Promise.all(Array.from({ length: REPORTS }, trigger));
  const ids = await Promise.all(
    triggers.map(async (r) => {
      if (r.status !== 202) throw new Error(`POST /trigger_report answered ${r.status}: ${await r.text()}`);
      return ((await r.json()) as { report_id: string }).report_id;
    }),
  );
  const latencies: number[] = [];
  let serverErrors = 0;
  const finishedAt = new Map<string, number>();
  const check = async (id: string): Promise<void> => {
    const t0 = performance.now();
    const response = await fetch(`${BASE}/get_report?report_id=${id}`, { headers });
    const body = await response.text();
    latencies.push(performance.now() - t0);
    if (response.status >= 500) serverErrors++;
    if (response.headers.get('x-report-status') === 'Complete') {
      if (body !== expectedCsv) throw new Error(`report ${id}: the CSV differs from report --db's`);
      if (!finishedAt.has(id)) finishedAt.set(id, performance.now());
    } else if (response.status === 200 && (JSON.parse(body) as { status: string }).status === 'Failed') {
      throw new Error(`report ${id} failed: ${body}`);
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: GET_CONCURRENCY }, async () => {
      while (next < GETS) await check(ids[next++ % REPORTS]);
    }),
  );
  const getsDone = latencies.length;
  // Then follow every report to its end (these calls are not counted in the latencies).
  for (const id of ids) {
    while (!finishedAt.has(id)) {
      await check(id);
      if (!finishedAt.has(id)) await new Promise((wake) => setTimeout(wake, 50));
    }
  }
  const minutes = (Math.max(...finishedAt.values()) - started) / 60_000;
  const sorted = latencies.slice(0, getsDone).sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return [
    [
      'load: get_report latency',
      `p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms ` +
        `(${getsDone} calls, ${GET_CONCURRENCY} at a time, while ${REPORTS} reports ran)`,
    ],
    [
      'load: reports completed',
      `${REPORTS} in ${(minutes * 60).toFixed(1)} s = ${(REPORTS / minutes).toFixed(0)} per minute ` +
        `(${WORKERS} workers, sample data), all CSVs equal report --db's`,
    ],
    ['load: 5xx answers', String(serverErrors)],
  ];
}

if (require.main === module) {
  runLoadBench()
    .then((rows) => {
      process.stdout.write('load benchmark (sample data, one API and two workers)\n');
      for (const [name, value] of rows) process.stdout.write(`  ${name.padEnd(32)} ${value}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`load bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
