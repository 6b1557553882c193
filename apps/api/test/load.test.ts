import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { withDatabase } from '@store-monitor/db';
import { ingestHours, ingestPolls, ingestTimeZones } from '@store-monitor/ingest';
import { REDIS_URL } from '@store-monitor/test-support';
import { TestEnvironment } from './support/test-env';

/**
 * One API (a real listening server) and two worker processes on the sample data: 200 reports
 * triggered at once and 2,000 get_report calls spread over them while they run. No 5xx, every
 * report completes, and every CSV is exactly report --db's. Needs `npx tsc -b apps/worker apps/cli`.
 */
const REPO = resolve(__dirname, '../../..');
const WORKER = join(REPO, 'apps/worker/dist/main.js');
const CLI = join(REPO, 'apps/cli/dist/main.js');
const DATA = join(REPO, 'data');
const REPORTS = 200;
const GETS = 2000;
const GET_CONCURRENCY = 50;

const env = new TestEnvironment();
let app: FastifyInstance;
let base: string;
const workers: ChildProcess[] = [];
let expectedCsv: string;

beforeAll(async () => {
  for (const entry of [WORKER, CLI])
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npx tsc -b apps/worker apps/cli"`);
  await env.setUp();
  await withDatabase(env.database.url, {}, async (db) => {
    await ingestPolls(db, join(DATA, 'store_status.csv'));
    await ingestHours(db, join(DATA, 'menu_hours.csv'));
    await ingestTimeZones(db, join(DATA, 'timezones.csv'));
  });
  const cli = spawnSync(process.execPath, [CLI, 'report', '--db'], {
    env: { ...process.env, DATABASE_URL: env.database.url },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (cli.status !== 0) throw new Error(`report --db failed: ${cli.stderr}`);
  expectedCsv = cli.stdout;
  app = await env.app();
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  for (let i = 0; i < 2; i++) {
    const child = spawn(process.execPath, [WORKER], {
      env: {
        ...process.env,
        DATABASE_URL: env.database.url,
        REDIS_URL,
        REPORTS_DIR: env.reportsDir,
        QUEUE_PREFIX: env.prefix,
        REPORT_CHUNK_STORES: '50',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    workers.push(child);
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(
    workers.map((child) =>
      child.exitCode !== null
        ? undefined
        : new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
    ),
  );
  await env.tearDown();
}, 60_000);

/** Runs `count` calls of `one` with at most `limit` in flight. */
async function pool<T>(count: number, limit: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await one(i);
      }
    }),
  );
  return results;
}

describe('load: 200 reports and 2,000 get_report calls on one API and two workers', () => {
  it("answers no 5xx, completes every report, and every CSV is report --db's", async () => {
    expect(expectedCsv.split('\n').length).toBeGreaterThan(100);
    const triggers = await Promise.all(
      Array.from({ length: REPORTS }, () => fetch(`${base}/trigger_report`, { method: 'POST' })),
    );
    expect(triggers.map((r) => r.status)).toEqual(new Array(REPORTS).fill(202));
    const ids = await Promise.all(triggers.map(async (r) => ((await r.json()) as { report_id: string }).report_id));
    expect(new Set(ids).size).toBe(REPORTS);

    // While they run: 2,000 reads spread over every id; each answer is Running or the whole CSV.
    const seen = await pool(GETS, GET_CONCURRENCY, async (i) => {
      const response = await fetch(`${base}/get_report?report_id=${ids[(i * 7) % REPORTS]}`);
      const body = await response.text();
      if (response.status !== 200) return `status ${response.status}: ${body}`;
      if (response.headers.get('x-report-status') === 'Complete')
        return body === expectedCsv ? 'complete' : 'WRONG CSV';
      const json = JSON.parse(body) as { status: string; progress?: number };
      return json.status === 'Running' && json.progress !== undefined && json.progress >= 0 && json.progress <= 1
        ? 'running'
        : `unexpected ${body}`;
    });
    const odd = seen.filter((s) => s !== 'complete' && s !== 'running');
    expect(odd).toEqual([]);

    // Then every report to the end: complete, with exactly the expected bytes.
    const finals = await pool(REPORTS, 20, async (i) => {
      for (;;) {
        const response = await fetch(`${base}/get_report?report_id=${ids[i]}`);
        const body = await response.text();
        if (response.status !== 200) return `status ${response.status}: ${body}`;
        if (response.headers.get('x-report-status') === 'Complete')
          return body === expectedCsv ? 'complete' : 'WRONG CSV';
        if ((JSON.parse(body) as { status: string }).status !== 'Running') return body;
        await new Promise((wake) => setTimeout(wake, 100));
      }
    });
    expect(finals).toEqual(new Array(REPORTS).fill('complete'));
    const listed = (await (await fetch(`${base}/reports?limit=100`)).json()) as {
      total: number;
      reports: Array<{ status: string; row_count: number }>;
    };
    expect(listed.total).toBe(REPORTS);
    expect(new Set(listed.reports.map((r) => `${r.status} ${r.row_count}`))).toEqual(
      new Set([`Complete ${expectedCsv.trimEnd().split('\n').length - 1}`]),
    );
  }, 600_000);
});
