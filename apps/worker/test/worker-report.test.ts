import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planReport, pollBounds } from '@store-monitor/report-reader';
import { chunkJobId, enqueueReport, mergeJobId, reportFlow } from '@store-monitor/jobs';
import { startWorker, type RunningWorker } from '../src/runtime';
import { cliReport, ingestGenerated, type ReportArgs } from './support/dataset';
import { collectingLogger, Harness } from './support/harness';
import { waitFor } from '@store-monitor/test-support';

const STORES = 150;
const CHUNK_STORES = 17;
const CHUNKS = Math.ceil(STORES / CHUNK_STORES);

const harness = new Harness();
const logger = collectingLogger();
let dataDir: string;
let worker: RunningWorker;

beforeAll(async () => {
  await harness.open();
  dataDir = await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: STORES, days: 9, seed: 7 });
  worker = startWorker(
    harness.config({ REPORT_CHUNK_STORES: String(CHUNK_STORES), WORKER_CONCURRENCY: '3' }),
    logger.log,
  );
  await worker.ready;
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await harness.close();
});

async function buildReport(args: ReportArgs) {
  const report = await harness.records.create({ asOf: args.asOf ? new Date(args.asOf) : null, policy: args.policy });
  await enqueueReport(harness.reportsQueue, { reportId: report.id, ...args });
  return harness.waitForReport(report.id);
}

describe('the report worker', () => {
  it.each<ReportArgs>([
    { policy: 'nearest', asOf: null },
    { policy: 'forward', asOf: null },
    { policy: 'nearest', asOf: '2024-04-03T12:00:00Z' },
    { policy: 'forward', asOf: '2024-03-31T01:30:00Z' },
  ])('writes, in chunks, the CSV that store-monitor report writes (%o)', async (args) => {
    const record = await buildReport(args);
    expect(record).toMatchObject({
      status: 'complete',
      progress: 1,
      error: null,
      filePath: join(harness.reportsDir, `${record.id}.csv`),
    });
    const expected = cliReport({ data: dataDir }, args);
    const written = readFileSync(record.filePath!, 'utf8');
    expect(written).toBe(expected);
    expect(record.rowCount).toBe(expected.split('\n').length - 2);
    expect(record.rowCount).toBeGreaterThan(CHUNK_STORES * 2);
    // The now it was computed at is on the record: as_of, or else the latest poll.
    const latest = (await pollBounds(harness.db))!.lastMs;
    expect(record.now?.getTime()).toBe(args.asOf ? Date.parse(args.asOf) : Math.floor(latest));

    const merge = await harness.reportsQueue.getJob(mergeJobId(record.id));
    expect(merge?.data.chunkCount).toBe(CHUNKS);
    expect(await merge?.getDependenciesCount({ processed: true })).toEqual({ processed: CHUNKS });
    expect(merge?.progress).toBe(100);
  });

  it('matches store-monitor report --db too, and leaves no temporary file', async () => {
    const args: ReportArgs = { policy: 'nearest', asOf: '2024-04-05T08:00:00Z' };
    const record = await buildReport(args);
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ databaseUrl: harness.databaseUrl }, args));
    // The record reads complete just before the merge removes the parts: look once the merge is done.
    const merged = async () =>
      (await harness.reportsQueue.getJobState(mergeJobId(record.id))) === 'completed' || undefined;
    await waitFor('the merge job to finish', 10_000, merged);
    expect(readdirSync(harness.reportsDir).filter((name) => !name.endsWith('.csv'))).toEqual([]);
  });

  it('reports progress as the share of chunks done', async () => {
    const report = await harness.records.create({ asOf: null, policy: 'forward' });
    await harness.records.markRunning(report.id);
    const plan = await planReport(harness.db, CHUNK_STORES);
    // One chunk held back, as if its worker were slow: progress must stop just short of it.
    const flow = reportFlow({ reportId: report.id, policy: 'forward', asOfMs: plan.now! }, plan.ranges);
    flow.children![CHUNKS - 1].opts = { ...flow.children![CHUNKS - 1].opts, delay: 3_600_000 };
    await harness.addFlow(flow);
    const expected = (CHUNKS - 1) / CHUNKS;
    const running = await waitFor('progress of all chunks but one', 60_000, async () => {
      const record = await harness.records.get(report.id);
      return record && record.progress >= expected ? record : undefined;
    });
    expect(running).toMatchObject({ status: 'running', progress: expected });
    const mergeProgress = async () => (await harness.reportsQueue.getJob(mergeJobId(report.id)))?.progress;
    await waitFor(
      'the merge job to show progress',
      10_000,
      async () => (await mergeProgress()) === Math.floor(expected * 100),
    );

    await (await harness.chunksQueue.getJob(chunkJobId(report.id, CHUNKS - 1)))!.promote();
    const done = await harness.waitForReport(report.id);
    expect(done).toMatchObject({ status: 'complete', progress: 1 });
    expect(readFileSync(done.filePath!, 'utf8')).toBe(cliReport({ data: dataDir }, { policy: 'forward', asOf: null }));
  });

  it('plans a report once even when its plan job runs again after adding the flow', async () => {
    const args: ReportArgs = { policy: 'nearest', asOf: '2024-04-06T00:00:00Z' };
    const report = await harness.records.create({ asOf: new Date(args.asOf!), policy: args.policy });
    const plan = await planReport(harness.db, CHUNK_STORES, Date.parse(args.asOf!));
    // What a first attempt that died right after adding its flow leaves behind.
    await harness.records.markRunning(report.id);
    await harness.addFlow(reportFlow({ reportId: report.id, policy: args.policy, asOfMs: plan.now! }, plan.ranges));
    await enqueueReport(harness.reportsQueue, { reportId: report.id, ...args });
    await enqueueReport(harness.reportsQueue, { reportId: report.id, ...args });

    const record = await harness.waitForReport(report.id);
    expect(record.status).toBe('complete');
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ data: dataDir }, args));
    expect(logger.lines.filter((line) => line.includes(`report already planned report=${report.id}`))).toHaveLength(1);
    const chunkJobs = (await harness.chunksQueue.getJobs(['completed'])).filter(
      (job) => job.data.reportId === report.id,
    );
    expect(chunkJobs.map((job) => job.id).sort()).toEqual(plan.ranges.map((_, i) => chunkJobId(report.id, i)).sort());
  });

  it('retries a chunk whose database connection failed, and completes the report', async () => {
    const args: ReportArgs = { policy: 'forward', asOf: '2024-04-04T06:00:00Z' };
    const report = await harness.records.create({ asOf: new Date(args.asOf!), policy: args.policy });
    await harness.records.markRunning(report.id);
    const plan = await planReport(harness.db, CHUNK_STORES, Date.parse(args.asOf!));
    await harness.allowConnections(false);
    try {
      await harness.addFlow(reportFlow({ reportId: report.id, policy: args.policy, asOfMs: plan.now! }, plan.ranges));
      await waitFor('a chunk to fail once', 30_000, async () =>
        logger.lines.some((line) => line.includes(`job will retry report=${report.id} job=${report.id}-chunk-`)),
      );
    } finally {
      await harness.allowConnections(true);
    }
    const record = await harness.waitForReport(report.id);
    expect(record).toMatchObject({ status: 'complete', error: null });
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ data: dataDir }, args));
    const chunkJobs = (await harness.chunksQueue.getJobs(['completed'])).filter(
      (job) => job.data.reportId === report.id,
    );
    expect(chunkJobs).toHaveLength(CHUNKS);
    expect(chunkJobs.some((job) => job.attemptsMade > 1)).toBe(true);
  });
});
