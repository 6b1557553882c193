import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPORT_HEADER, reportHeader } from '@store-monitor/engine';
import {
  CHUNK_QUEUE,
  JOB,
  REPORT_JOB_OPTIONS,
  chunkJobId,
  enqueueReport,
  mergeJobId,
  reportFlow,
  type ReportRequest,
} from '@store-monitor/jobs';
import { partsDir } from '@store-monitor/service';
import { startWorker, type RunningWorker } from '../src/runtime';
import { cliReport } from './support/dataset';
import { collectingLogger, Harness } from './support/harness';
import { waitFor } from '@store-monitor/test-support';

const harness = new Harness();
const logger = collectingLogger();
let worker: RunningWorker;

beforeAll(async () => {
  await harness.open();
  worker = startWorker(harness.config({ REPORT_CHUNK_STORES: '5' }), logger.log);
  await worker.ready;
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await harness.close();
});

async function newReport(request: Omit<ReportRequest, 'reportId'> = { asOf: null, policy: 'nearest' }) {
  const record = await harness.records.create({
    asOf: request.asOf ? new Date(request.asOf) : null,
    policy: request.policy,
  });
  return { ...request, reportId: record.id };
}

async function failedJob(queue: 'reports' | 'chunks', id: string) {
  const source = queue === 'reports' ? harness.reportsQueue : harness.chunksQueue;
  // The state first, then the job: a job read before it failed would show its old attempts.
  await waitFor(`job ${id} to fail`, 30_000, async () => (await source.getJobState(id)) === 'failed');
  return (await source.getJob(id))!;
}

describe('the report worker with bad input and no data', () => {
  it.each([null, '2024-01-10T12:00:00Z'])(
    'completes a report of an empty database as the header alone (as of %s)',
    async (asOf) => {
      const request = await newReport({ asOf, policy: 'forward' });
      await enqueueReport(harness.reportsQueue, request);
      const record = await harness.waitForReport(request.reportId);
      expect(record).toMatchObject({
        status: 'complete',
        rowCount: 0,
        progress: 1,
        filePath: join(harness.reportsDir, `${request.reportId}.csv`),
      });
      const written = readFileSync(record.filePath!, 'utf8');
      expect(written).toBe(`${REPORT_HEADER}\n`);
      expect(written).toBe(cliReport({ databaseUrl: harness.databaseUrl }, { asOf, policy: 'forward' }));
      expect(await harness.reportsQueue.getJob(mergeJobId(request.reportId))).toBeUndefined();
    },
  );

  it('completes a report of an empty database with a max gap as the ten-column header alone', async () => {
    const { id } = await harness.records.create({ asOf: null, policy: 'nearest', maxGapMs: 5_400_000 });
    await enqueueReport(harness.reportsQueue, { reportId: id, asOf: null, policy: 'nearest', maxGapMs: 5_400_000 });
    const record = await harness.waitForReport(id);
    expect(record).toMatchObject({ status: 'complete', rowCount: 0, maxGapMs: 5_400_000 });
    const written = readFileSync(record.filePath!, 'utf8');
    expect(written).toBe(`${reportHeader(true)}\n`);
    expect(written).toBe(
      cliReport({ databaseUrl: harness.databaseUrl }, { asOf: null, policy: 'nearest', maxGap: '90m' }),
    );
  });

  it('fails a report whose plan job has a bad max gap, without retrying', async () => {
    const { reportId } = await newReport();
    await harness.reportsQueue.add(
      JOB.plan,
      { reportId, asOf: null, policy: 'nearest', maxGapMs: -60_000 },
      { ...REPORT_JOB_OPTIONS, jobId: reportId },
    );
    const job = await failedJob('reports', reportId);
    expect(job.attemptsMade).toBe(1);
    const record = await harness.waitForReport(reportId);
    expect(record).toMatchObject({ status: 'failed', filePath: null });
    expect(record.error).toBe('planning failed: invalid plan job: maxGapMs: Too small: expected number to be >0');
  });

  it('fails a report whose plan job has a bad payload, without retrying', async () => {
    const { reportId } = await newReport();
    await harness.reportsQueue.add(
      JOB.plan,
      { reportId, asOf: 'yesterday', policy: 'nearest' },
      { ...REPORT_JOB_OPTIONS, jobId: reportId },
    );
    const job = await failedJob('reports', reportId);
    expect(job.attemptsMade).toBe(1);
    const record = await harness.waitForReport(reportId);
    expect(record).toMatchObject({ status: 'failed', filePath: null });
    expect(record.error).toBe('planning failed: invalid plan job: asOf: Invalid ISO datetime');
  });

  it('fails the job of a report the database does not know, and goes on working', async () => {
    const reportId = randomUUID();
    await enqueueReport(harness.reportsQueue, { reportId, asOf: null, policy: 'nearest' });
    const job = await failedJob('reports', reportId);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe(`report ${reportId} does not exist`);
    expect(await harness.records.get(reportId)).toBeNull();
    expect(
      logger.lines.some(
        (line) => line.includes(`job failed job=${reportId}`) || line.includes(`report failed report=${reportId}`),
      ),
    ).toBe(true);

    const next = await newReport();
    await enqueueReport(harness.reportsQueue, next);
    expect((await harness.waitForReport(next.reportId)).status).toBe('complete');
  });

  it('removes, when it marks a report failed, the file and parts its jobs wrote before (a complete CSV never stands beside Failed)', async () => {
    const request = await newReport();
    await harness.records.markRunning(request.reportId);
    // As an earlier merge attempt leaves it: its whole file written, then its job lost.
    const file = join(harness.reportsDir, `${request.reportId}.csv`);
    writeFileSync(file, `${REPORT_HEADER}\n`);
    const flow = reportFlow(
      { reportId: request.reportId, policy: 'nearest', asOfMs: Date.parse('2024-01-10T12:00:00Z') },
      [
        { from: null, to: 'c' },
        { from: 'c', to: null },
      ],
    );
    flow.children![1].data = { ...flow.children![1].data, policy: 'sideways' };
    flow.children![1].opts = { ...flow.children![1].opts, delay: 500 };
    await harness.addFlow(flow);
    // The first chunk's part is written before the second chunk fails.
    await waitFor('the first part', 10_000, async () =>
      existsSync(join(partsDir(harness.reportsDir, request.reportId), '0.csv')),
    );

    expect((await harness.waitForReport(request.reportId)).status).toBe('failed');
    await waitFor(
      'the files removed',
      10_000,
      async () => !existsSync(file) && !existsSync(partsDir(harness.reportsDir, request.reportId)),
    );
  });

  it('leaves no part behind when the report fails while one of its chunks runs', async () => {
    const { reportId } = await newReport();
    await harness.records.markRunning(reportId);
    // The chunk's snapshot waits on this lock: the report fails in the middle of the chunk.
    const lock = new Client({ connectionString: harness.databaseUrl });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE ingestion_runs IN ACCESS EXCLUSIVE MODE');
      await harness.addFlow(
        reportFlow({ reportId, policy: 'nearest', asOfMs: Date.parse('2024-01-10T12:00:00Z') }, [
          { from: null, to: null },
        ]),
      );
      await waitFor('the chunk to start', 10_000, async () =>
        logger.lines.some((line) => line.includes(`chunk started report=${reportId}`)),
      );
      expect(await harness.records.markFailed(reportId, 'chunk 2 of 2 failed: elsewhere')).toBe(true);
    } finally {
      await lock.query('COMMIT');
      await lock.end();
    }
    await waitFor('the chunk to finish', 10_000, async () =>
      logger.lines.some((line) => line.includes(`chunk done report=${reportId}`)),
    );
    expect(existsSync(partsDir(harness.reportsDir, reportId))).toBe(false);
  });

  it('fails a report when one of its chunks fails for good, and writes no file', async () => {
    const request = await newReport();
    await harness.records.markRunning(request.reportId);
    const ranges = [
      { from: null, to: 'c' },
      { from: 'c', to: null },
    ];
    const flow = reportFlow(
      { reportId: request.reportId, policy: 'nearest', asOfMs: Date.parse('2024-01-10T12:00:00Z') },
      ranges,
    );
    flow.children![1].data = { ...flow.children![1].data, policy: 'sideways' };
    await harness.addFlow(flow);

    const record = await harness.waitForReport(request.reportId);
    expect(record.status).toBe('failed');
    expect(record.error).toMatch(/^chunk 2 of 2 failed: invalid chunk job: policy: /);
    const chunk = await failedJob('chunks', chunkJobId(request.reportId, 1));
    expect(chunk.attemptsMade).toBe(1);
    const merge = await failedJob('reports', mergeJobId(request.reportId));
    expect(merge.failedReason).toBe(`child ${harness.prefix}:${CHUNK_QUEUE}:${chunkJobId(request.reportId, 1)} failed`);
    expect(existsSync(join(harness.reportsDir, `${request.reportId}.csv`))).toBe(false);
    // Both failures describe the report the same way, whichever was recorded first.
    await waitFor('both failures logged', 10_000, async () =>
      logger.lines.filter((line) => line.includes(`report failed report=${request.reportId}`)).length === 2
        ? true
        : undefined,
    );
    const errors = logger.lines
      .filter((line) => line.includes(`report failed report=${request.reportId}`))
      .map((line) => line.split(' error=')[1]);
    expect(errors[0]).toBe(errors[1]);
  });

  it('fails a report for a job it has no processor for', async () => {
    const { reportId } = await newReport();
    await harness.reportsQueue.add('bogus', { reportId }, { ...REPORT_JOB_OPTIONS, jobId: reportId });
    const job = await failedJob('reports', reportId);
    expect(job.attemptsMade).toBe(1);
    const record = await harness.waitForReport(reportId);
    expect(record).toMatchObject({
      status: 'failed',
      error: 'job "bogus" failed: no processor for job "bogus" in queue reports',
    });
  });

  it('fails a chunk job of an unknown report without retrying', async () => {
    const reportId = randomUUID();
    const data = { reportId, asOfMs: 0, policy: 'nearest', index: 0, count: 1, stores: { from: null, to: null } };
    await harness.chunksQueue.add(JOB.chunk, data, { ...REPORT_JOB_OPTIONS, jobId: chunkJobId(reportId, 0) });
    const job = await failedJob('chunks', chunkJobId(reportId, 0));
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe(`report ${reportId} does not exist`);
  });
});
