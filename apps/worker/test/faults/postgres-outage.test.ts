import { readFileSync } from 'node:fs';
import { enqueueReport, mergeJobId } from '@store-monitor/jobs';
import { TcpProxy, waitFor } from '@store-monitor/test-support';
import { cliReport, ingestGenerated, type ReportArgs } from '../support/dataset';
import { Harness } from '../support/harness';
import { WorkerProcess } from '../support/worker-process';

/**
 * Fault: PostgreSQL goes away while a report runs. The worker reaches PostgreSQL through a proxy
 * that the test cuts (every connection dropped, new ones refused) and restores; the test itself
 * watches the report directly. A short outage is retried through; one longer than the retries
 * fails the report with the reason. Either way the report never stays Running.
 */
const harness = new Harness();
let proxy: TcpProxy;
let worker: WorkerProcess;
let dataDir: string;

beforeAll(async () => {
  await harness.open();
  dataDir = await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 300, days: 8, seed: 5 });
  const database = new URL(harness.databaseUrl);
  proxy = await TcpProxy.start(database.hostname, Number(database.port || 5432));
  database.hostname = '127.0.0.1';
  database.port = String(proxy.port);
  // A sweep every 2 s for reports older than 5 s: what recovers a failure the database was too down to record.
  const env = {
    DATABASE_URL: database.toString(),
    WORKER_CONCURRENCY: '1',
    REPORT_CHUNK_STORES: '100',
    STALE_SWEEP_SECONDS: '2',
    STALE_REPORT_SECONDS: '5',
  };
  worker = new WorkerProcess(harness.env(env));
  await worker.waitForLine('worker ready');
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await proxy?.stop();
  await harness.close();
});

async function startReport(args: ReportArgs): Promise<string> {
  const { id } = await harness.records.create({ asOf: args.asOf ? new Date(args.asOf) : null, policy: args.policy });
  await enqueueReport(harness.reportsQueue, { reportId: id, ...args });
  await worker.waitForLine(`chunk started report=${id}`);
  return id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault: PostgreSQL outage during a report', () => {
  it('retries through a short outage and completes the report byte for byte', async () => {
    const args: ReportArgs = { policy: 'forward', asOf: '2024-04-06T00:00:00Z' };
    const reportId = await startReport(args);
    proxy.cut();
    await sleep(3000);
    proxy.restore();
    const record = await harness.waitForReport(reportId, 120_000);
    expect(record).toMatchObject({ status: 'complete', error: null });
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ data: dataDir }, args));
    expect(worker.count(`job will retry report=${reportId}`)).toBeGreaterThan(0);
  }, 180_000);

  it('fails the report with the reason when the outage outlasts the retries, once PostgreSQL is back', async () => {
    const reportId = await startReport({ policy: 'nearest', asOf: '2024-04-05T00:00:00Z' });
    proxy.cut();
    // A chunk's five attempts back off 1 + 2 + 4 + 8 s: all of them fail inside this outage.
    await waitFor(
      'the merge to fail',
      60_000,
      async () => (await harness.reportsQueue.getJobState(mergeJobId(reportId))) === 'failed',
    );
    // The failure could not be recorded, and the sweeps cannot read the database either.
    await sleep(5000);
    expect((await harness.records.get(reportId))?.status).toBe('running');
    proxy.restore();
    const record = await harness.waitForReport(reportId, 60_000);
    expect(record.status).toBe('failed');
    expect(record.error).toMatch(
      /^chunk [123] of 3 failed after 5 attempts: (Server has closed the connection\.|Connection terminated unexpectedly|read ECONNRESET|connect ECONNREFUSED [\d.:]+)$/,
    );
    expect(record.filePath).toBeNull();
  }, 180_000);
});
