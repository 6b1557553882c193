import { rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createDatabase, ReportRecords } from '@store-monitor/db';
import { REDIS_URL } from '@store-monitor/test-support';
import { TestEnvironment } from '../../../api/test/support/test-env';
import { cliReport, ingestGenerated } from '../support/dataset';
import { WorkerProcess } from '../support/worker-process';
import { finishedReport } from './support/api-client';
import { ApiProcess } from './support/api-process';

/**
 * Fault: SIGTERM to the API and to every worker while reports are being triggered and built (as a
 * deployment restarts them). Every report the API accepted (202) must complete once a worker runs
 * again; none may be lost, failed or left Running.
 */
const env = new TestEnvironment();
const processes: Array<WorkerProcess | ApiProcess> = [];
const AS_OF = '2024-04-06T12:00:00Z';
let reader: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  await env.setUp();
  dataDir = await ingestGenerated(env.database.url, `${env.reportsDir}-data`, { stores: 300, days: 8, seed: 9 });
  reader = await env.app();
}, 180_000);

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  await env.tearDown();
  rmSync(dataDir, { recursive: true, force: true });
});

const serviceEnv = () => ({
  DATABASE_URL: env.database.url,
  REDIS_URL,
  REPORTS_DIR: env.reportsDir,
  QUEUE_PREFIX: env.prefix,
});

async function startWorker(): Promise<WorkerProcess> {
  const worker = new WorkerProcess({ ...serviceEnv(), WORKER_CONCURRENCY: '2', REPORT_CHUNK_STORES: '50' });
  processes.push(worker);
  await worker.waitForLine('worker ready');
  return worker;
}

/** Triggers reports one after another until the API stops answering; returns the accepted ids. */
async function load(api: ApiProcess, stop: { now: boolean }): Promise<string[]> {
  const accepted: string[] = [];
  while (!stop.now) {
    try {
      const response = await fetch(`${api.url}/trigger_report`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as_of: AS_OF }),
      });
      if (response.status === 202) accepted.push(((await response.json()) as { report_id: string }).report_id);
      else await response.body?.cancel();
    } catch {
      // Refused or reset: the API is gone, and this request was not accepted.
      return accepted;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return accepted;
}

describe('fault: SIGTERM to the API and the workers under load', () => {
  it('loses no accepted report', async () => {
    const expected = cliReport({ data: dataDir }, { policy: 'nearest', asOf: AS_OF });
    const api = new ApiProcess(await sparePort(), serviceEnv());
    processes.push(api);
    await api.ready();
    const workers = [await startWorker(), await startWorker()];
    const stop = { now: false };
    const loads = [load(api, stop), load(api, stop), load(api, stop)];
    await Promise.all(workers.map((worker) => worker.waitForLine('chunk started')));

    for (const child of [api, ...workers]) child.signal('SIGTERM');
    expect(await Promise.all([api, ...workers].map((child) => child.exited))).toEqual([0, 0, 0]);
    stop.now = true;
    const accepted = (await Promise.all(loads)).flat();
    expect(accepted.length).toBeGreaterThan(5);

    await startWorker();
    for (const id of accepted)
      expect(await finishedReport(reader, id, 120_000)).toEqual({ status: 'Complete', csv: expected });
    // Nor any other: a request cut off by the shutdown left no report behind half-made.
    const db = createDatabase(env.database.url);
    try {
      const { reports } = await new ReportRecords(db.prisma).page(0, 10_000);
      expect(reports.filter((report) => report.status !== 'complete')).toEqual([]);
      expect(new Set(reports.map((report) => report.id))).toEqual(new Set(accepted));
    } finally {
      await db.close();
    }
  }, 300_000);
});

async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
