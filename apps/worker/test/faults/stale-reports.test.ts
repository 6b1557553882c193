import { existsSync, readFileSync } from 'node:fs';
import { UnrecoverableError, Worker } from 'bullmq';
import {
  CHUNK_QUEUE,
  JOB,
  REPORT_JOB_OPTIONS,
  REPORT_QUEUE,
  chunkJobId,
  mergeJobId,
  reportFlow,
} from '@store-monitor/jobs';
import { parseMaxGap } from '@store-monitor/csv';
import { reportHeader } from '@store-monitor/engine';
import { FolderReportStore, partsDir, reportFilePath } from '@store-monitor/service';
import { startWorker, type RunningWorker } from '../../src/runtime';
import { LOST_JOBS_ERROR } from '../../src/stale-reports';
import { cliReport, ingestGenerated, type ReportArgs } from '../support/dataset';
import { collectingLogger, Harness } from '../support/harness';

/**
 * Fault: a report whose worker died without trace. Each case leaves, before any worker runs, the
 * state such a death leaves behind; then two workers (two sweepers, racing) start with a sweep
 * every second for reports older than two seconds, and every such report must end finished.
 */
const harness = new Harness();
const loggers = [collectingLogger(), collectingLogger()];
const workers: RunningWorker[] = [];
const ids: Record<string, string> = {};
const REQUEUED: ReportArgs = { policy: 'forward', asOf: '2024-04-05T10:00:00.000Z' };
const REQUEUED_WITH_GAP: ReportArgs = { policy: 'nearest', asOf: '2024-04-05T10:00:00.000Z', maxGap: '90m' };
const AS_OF_MS = Date.parse('2024-04-05T10:00:00Z');

beforeAll(async () => {
  await harness.open();
  await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 30, days: 8, seed: 11 });
  ids.failedPlan = await planFailedUnseen();
  ids.neverQueued = await newReport(REQUEUED);
  ids.neverQueuedWithGap = await newReport(REQUEUED_WITH_GAP);
  ids.jobsRemoved = await flowRemoved();
  ids.chunkLost = await chunkLost();
  ids.delayed = await delayedPlan();
  for (const { log } of loggers) {
    const worker = startWorker(
      harness.config({ REPORT_CHUNK_STORES: '10', STALE_SWEEP_SECONDS: '1', STALE_REPORT_SECONDS: '2' }),
      log,
    );
    workers.push(worker);
    await worker.ready;
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  await harness.close();
});

async function newReport(args: ReportArgs = { policy: 'nearest', asOf: null }): Promise<string> {
  const maxGapMs = args.maxGap === undefined ? null : parseMaxGap(args.maxGap);
  return (await harness.records.create({ asOf: args.asOf ? new Date(args.asOf) : null, policy: args.policy, maxGapMs }))
    .id;
}

/** A worker failed the plan job for good and died before it could mark the report failed. */
async function planFailedUnseen(): Promise<string> {
  const id = await newReport();
  await harness.records.markRunning(id);
  await harness.reportsQueue.add(
    JOB.plan,
    { reportId: id, asOf: null, policy: 'nearest' },
    { ...REPORT_JOB_OPTIONS, jobId: id },
  );
  // A real BullMQ worker, with none of ours listening: what our worker leaves when killed right there.
  const dying = new Worker(
    REPORT_QUEUE,
    async () => {
      throw new UnrecoverableError('out of memory');
    },
    { connection: harness.redis, prefix: harness.prefix },
  );
  await new Promise<void>((resolve) => dying.once('failed', () => resolve()));
  await dying.close();
  return id;
}

/**
 * A running report whose flow was removed from Redis (an operator, a Redis without persistence),
 * after a chunk wrote its part and a merge its file: neither may stand beside Failed.
 */
async function flowRemoved(): Promise<string> {
  const id = await newReport();
  await harness.records.markRunning(id);
  await harness.addFlow(
    reportFlow({ reportId: id, policy: 'nearest', asOfMs: AS_OF_MS }, [
      { from: null, to: 'n' },
      { from: 'n', to: null },
    ]),
  );
  const store = new FolderReportStore(harness.reportsDir);
  await store.writePart(id, 0, ['a,1,1,1,0,0,0']);
  await store.writeReport(id, ['a,1,1,1,0,0,0\n']);
  await (await harness.reportsQueue.getJob(mergeJobId(id)))!.remove();
  return id;
}

/** A merge still waiting for a chunk whose job no longer exists: it would wait for ever. */
async function chunkLost(): Promise<string> {
  const id = await newReport();
  await harness.records.markRunning(id);
  await harness.addFlow(
    reportFlow({ reportId: id, policy: 'nearest', asOfMs: AS_OF_MS }, [
      { from: null, to: 'n' },
      { from: 'n', to: null },
    ]),
  );
  const lost = chunkJobId(id, 1);
  // Deleted under BullMQ, as a lost key is: its hash and its place in the wait list.
  await harness.redis.del(`${harness.prefix}:${CHUNK_QUEUE}:${lost}`);
  await harness.redis.lrem(`${harness.prefix}:${CHUNK_QUEUE}:wait`, 0, lost);
  return id;
}

/** An old queued report whose plan job is merely delayed is alive: the sweep must leave it alone. */
async function delayedPlan(): Promise<string> {
  const id = await newReport();
  const data = { reportId: id, asOf: null, policy: 'nearest' };
  await harness.reportsQueue.add(JOB.plan, data, { ...REPORT_JOB_OPTIONS, jobId: id, delay: 10 * 60_000 });
  return id;
}

function sweepLines(reportId: string): string[] {
  return loggers.flatMap(({ lines }) =>
    lines.filter((line) => line.includes(`stale report`) && line.includes(`report=${reportId}`)),
  );
}

describe('fault: a report whose worker died without trace', () => {
  it('enqueues again a queued report whose plan job is gone, and builds it as asked', async () => {
    const record = await harness.waitForReport(ids.neverQueued);
    expect(record.status).toBe('complete');
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ databaseUrl: harness.databaseUrl }, REQUEUED));
    expect(sweepLines(ids.neverQueued)).toEqual([expect.stringContaining('stale report enqueued again')]);
    // With the retries and trimming of any plan job, though the worker's queue has no default options.
    expect((await harness.reportsQueue.getJob(ids.neverQueued))?.opts).toMatchObject(REPORT_JOB_OPTIONS);
  });

  it("enqueues again with the record's max gap, so the report keeps its unknown columns", async () => {
    const record = await harness.waitForReport(ids.neverQueuedWithGap);
    expect(record).toMatchObject({ status: 'complete', maxGapMs: 5_400_000 });
    const written = readFileSync(record.filePath!, 'utf8');
    expect(written.split('\n')[0]).toBe(reportHeader(true));
    expect(written).toBe(cliReport({ databaseUrl: harness.databaseUrl }, REQUEUED_WITH_GAP));
    expect((await harness.reportsQueue.getJob(ids.neverQueuedWithGap))?.data).toMatchObject({ maxGapMs: 5_400_000 });
  });

  it('fails a report whose plan job failed while nobody was left to record it', async () => {
    const record = await harness.waitForReport(ids.failedPlan);
    expect(record).toMatchObject({ status: 'failed', error: 'planning failed: out of memory', filePath: null });
    expect(sweepLines(ids.failedPlan)).toHaveLength(1);
  });

  it('fails a running report whose jobs were removed from Redis', async () => {
    const record = await harness.waitForReport(ids.jobsRemoved);
    expect(record).toMatchObject({ status: 'failed', error: LOST_JOBS_ERROR });
    expect(sweepLines(ids.jobsRemoved)).toHaveLength(1);
    expect([
      existsSync(reportFilePath(harness.reportsDir, ids.jobsRemoved)),
      existsSync(partsDir(harness.reportsDir, ids.jobsRemoved)),
    ]).toEqual([false, false]);
  });

  it('fails a report whose merge waits for a chunk job that is gone', async () => {
    const record = await harness.waitForReport(ids.chunkLost);
    expect(record).toMatchObject({ status: 'failed', error: LOST_JOBS_ERROR });
    expect(sweepLines(ids.chunkLost)).toHaveLength(1);
  });

  it('leaves alone an old report whose plan job is only delayed', async () => {
    // Several sweeps after it became old enough (two seconds) to be looked at.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await harness.records.get(ids.delayed)).toMatchObject({ status: 'queued', error: null });
    expect(await harness.reportsQueue.getJobState(ids.delayed)).toBe('delayed');
    expect(sweepLines(ids.delayed)).toEqual([]);
  });
});
