import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { REDIS_URL } from '@store-monitor/test-support';
import { ServerProcess } from './support/server-process';
import { TestEnvironment } from './support/test-env';
import {
  apiProcessVars,
  bodyBytes,
  postUpload,
  residentBytes,
  startProber,
  type UploadResult,
  type UploadShape,
} from './support/upload-load';

/**
 * Issue 10 item 1: fifty concurrent 40 MB uploads once took the API to 6 GB and a heap-out-of-memory
 * crash. Against the built API process: each upload is loaded whole or refused whole (503 with
 * Retry-After), /healthz answers throughout, the process stays under 1 GB resident, and no spool
 * folder is left behind.
 */
const UPLOADS = 50;
const CONCURRENCY = 2;
const MB = 1024 * 1024;
const RSS_LIMIT = 1024 * MB;
const REFUSAL = `the API is already loading ${CONCURRENCY} uploads, its limit (UPLOAD_CONCURRENCY=${CONCURRENCY}); try again in 5 seconds`;

const env = new TestEnvironment();
const tempDir = mkdtempSync(join(tmpdir(), 'sm-upload-load-'));
let server: ServerProcess;
let port: number;
let db: Client;

beforeAll(async () => {
  await env.setUp();
  server = new ServerProcess(
    apiProcessVars(env, REDIS_URL, { UPLOAD_CONCURRENCY: String(CONCURRENCY), UPLOAD_TEMP_DIR: tempDir }),
  );
  port = Number((await server.waitForLine(/listening at http:\/\/127\.0\.0\.1:(\d+)/))[1]);
  db = new Client({ connectionString: env.database.url });
  await db.connect();
}, 120_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await db?.end();
  await env.tearDown();
  rmSync(tempDir, { recursive: true, force: true });
});

/** Runs `work` while sampling the API's resident memory and probing its /healthz; the peak and every probe. */
async function watched<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number; probes: string[] }> {
  let peakRss = residentBytes(server.child.pid!);
  const sample = setInterval(() => (peakRss = Math.max(peakRss, residentBytes(server.child.pid!))), 50);
  const prober = startProber(port, '/healthz');
  try {
    return { result: await work(), peakRss, probes: await prober.stop() };
  } finally {
    clearInterval(sample);
    await prober.stop();
  }
}

async function pollsOf(tag: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM polls WHERE store_id LIKE $1`, [
    `${tag}-%`,
  ]);
  return rows[0].n;
}

describe.each([
  ['JSON', true, 470_000],
  ['CSV', false, 950_000],
])('%s: 50 concurrent 40 MB uploads', (type, json, rows) => {
  it('each loaded whole or refused whole with Retry-After; /healthz answers; under 1 GB resident; no spool left', async () => {
    const shapes: UploadShape[] = Array.from({ length: UPLOADS }, (_, i) => ({
      tag: `${type.toLowerCase()}${String(i).padStart(2, '0')}`,
      json,
      rows,
    }));
    expect(bodyBytes(shapes[0])).toBeGreaterThan(38 * MB);
    expect(bodyBytes(shapes[0])).toBeLessThan(50 * MB);

    const started = Date.now();
    const { result, peakRss, probes } = await watched(() =>
      Promise.all(shapes.map((shape) => postUpload(port, shape))),
    );
    const seconds = (Date.now() - started) / 1000;
    // The figures the closing note quotes.
    console.log(
      `${type}: ${UPLOADS} uploads of ${(bodyBytes(shapes[0]) / MB).toFixed(1)} MB in ${seconds.toFixed(1)} s; peak VmRSS ${(peakRss / MB).toFixed(0)} MB; ${probes.length} /healthz probes, the slowest ${Math.max(...probes.map((p) => Number(p.split(' ')[1])))} ms`,
    );

    const statuses = result.map((r: UploadResult) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    for (const [i, answer] of result.entries()) {
      const stored = await pollsOf(shapes[i].tag);
      if (answer.status === 200) {
        expect([shapes[i].tag, JSON.parse(answer.body)]).toEqual([
          shapes[i].tag,
          { read: rows, inserted: rows, updated: 0, duplicates: 0, rejected: 0, rejects: [] },
        ]);
        expect([shapes[i].tag, stored]).toEqual([shapes[i].tag, rows]);
      } else {
        expect([shapes[i].tag, answer.retryAfter, JSON.parse(answer.body), stored]).toEqual([
          shapes[i].tag,
          '5',
          { error: 'Service Unavailable', message: REFUSAL },
          0,
        ]);
      }
    }
    expect(probes.length).toBeGreaterThan(0);
    expect(probes.filter((probe) => !probe.startsWith('200 '))).toEqual([]);
    expect(peakRss).toBeLessThan(RSS_LIMIT);
    expect(server.child.exitCode).toBeNull();
    expect(readdirSync(tempDir)).toEqual([]);
  }, 600_000);
});
