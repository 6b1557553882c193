import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { CALLBACK_QUEUE, JOB, REPORT_JOB_OPTIONS, callbackJobId, enqueueReport, mergeJobId } from '@store-monitor/jobs';
import { waitFor } from '@store-monitor/test-support';
import { startWorker, type RunningWorker } from '../src/runtime';
import { LOST_JOBS_ERROR } from '../src/stale-reports';
import { CallbackReceiver, type Received } from './support/callback-receiver';
import { ingestPollRows } from './support/dataset';
import { collectingLogger, Harness } from './support/harness';

/**
 * Report callbacks against a real HTTP receiver on loopback: what a worker POSTs when a report
 * completes or fails, its signature checked here with node:crypto alone, retries after a 500 and
 * a timeout, and the places it refuses to go (a host off its list, a redirect).
 */
const SECRET = 'a callback secret of some length';
const PUBLIC_URL = 'http://api.example:8080';

const harness = new Harness();
const logger = collectingLogger();
const receiver = new CallbackReceiver();
let worker: RunningWorker;
let callbacks: Queue;

beforeAll(async () => {
  await harness.open();
  await receiver.start();
  mkdirSync(harness.dataDir, { recursive: true });
  await ingestPollRows(harness.databaseUrl, join(harness.dataDir, 'polls.csv'), [
    's1,active,2024-01-10 11:00:00 UTC',
    's2,inactive,2024-01-10 11:30:00 UTC',
  ]);
  callbacks = new Queue(CALLBACK_QUEUE, { connection: harness.redis, prefix: harness.prefix });
  const settings = {
    CALLBACK_SECRET: SECRET,
    CALLBACK_ALLOWED_HOSTS: `127.0.0.1:${receiver.port}`,
    CALLBACK_ATTEMPTS: '3',
    CALLBACK_BACKOFF: '1s',
    CALLBACK_TIMEOUT: '2s',
    PUBLIC_URL: `${PUBLIC_URL}/`,
    // The sweep's turn comes quickly; every other report here finishes in well under a minute.
    STALE_SWEEP_SECONDS: '1',
    STALE_REPORT_SECONDS: '60',
  };
  worker = startWorker(harness.config(settings), logger.log);
  await worker.ready;
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await callbacks?.close();
  await receiver.stop();
  await harness.close();
});

/** A report with this callback_url (or none), queued as the API queues it. */
async function triggerReport(callbackUrl: string | null): Promise<string> {
  const { id } = await harness.records.create({ asOf: null, policy: 'nearest', callbackUrl });
  await enqueueReport(harness.reportsQueue, { reportId: id, asOf: null, policy: 'nearest' });
  return id;
}

/** The receiver's check: HMAC-SHA256 of the exact bytes received, compared in constant time. */
function signatureHolds(request: Received, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`);
  const given = Buffer.from(String(request.headers['x-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function finishedCallbackJob(reportId: string): Promise<Job> {
  const id = callbackJobId(reportId);
  await waitFor(`callback job ${id} to finish`, 30_000, async () =>
    ['completed', 'failed'].includes(await callbacks.getJobState(id)),
  );
  return (await Job.fromId(callbacks, id)) as Job;
}

describe('report callbacks', () => {
  it('POSTs a completed report to its callback_url, signed with CALLBACK_SECRET', async () => {
    const id = await triggerReport(receiver.url('/complete'));
    const [request] = await receiver.waitFor('/complete', 1);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe('store-monitor-callbacks/1');
    expect(JSON.parse(request.body)).toEqual({
      report_id: id,
      status: 'complete',
      rows: 2,
      url: `${PUBLIC_URL}/get_report?report_id=${id}`,
      error: null,
    });
    expect(request.body).toBe(
      `{"report_id":"${id}","status":"complete","rows":2,"url":"${PUBLIC_URL}/get_report?report_id=${id}","error":null}`,
    );
    expect(signatureHolds(request, SECRET)).toBe(true);
    expect(signatureHolds(request, 'another secret of some length')).toBe(false);
    expect(signatureHolds({ ...request, body: request.body.replace('"rows":2', '"rows":3') }, SECRET)).toBe(false);

    const job = await finishedCallbackJob(id);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(1);
    expect((await harness.records.get(id))?.status).toBe('complete');
  });

  it('POSTs a failed report with its error and no rows', async () => {
    const { id } = await harness.records.create({
      asOf: null,
      policy: 'nearest',
      callbackUrl: receiver.url('/failed'),
    });
    // A plan job with a bad payload fails the report at once.
    await harness.reportsQueue.add(
      JOB.plan,
      { reportId: id, asOf: 'yesterday', policy: 'nearest' },
      { ...REPORT_JOB_OPTIONS, jobId: id },
    );
    const [request] = await receiver.waitFor('/failed', 1);
    const record = await harness.waitForReport(id);
    expect(record.status).toBe('failed');
    expect(JSON.parse(request.body)).toEqual({
      report_id: id,
      status: 'failed',
      rows: null,
      url: `${PUBLIC_URL}/get_report?report_id=${id}`,
      error: 'planning failed: invalid plan job: asOf: Invalid ISO datetime',
    });
    expect(signatureHolds(request, SECRET)).toBe(true);
  });

  it('retries after a 500, with backoff, the same body and signature', async () => {
    receiver.answer('/flaky', [500]);
    const id = await triggerReport(receiver.url('/flaky'));
    const [first, second] = await receiver.waitFor('/flaky', 2);
    expect(second.body).toBe(first.body);
    expect(second.headers['x-signature']).toBe(first.headers['x-signature']);
    // CALLBACK_BACKOFF=1s: the first retry waits about a second.
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
    const job = await finishedCallbackJob(id);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(2);
    expect(logger.lines.some((line) => line.includes('callback will retry') && line.includes(id))).toBe(true);
    expect(receiver.to('/flaky')).toHaveLength(2);
  });

  it('retries a receiver that does not answer within CALLBACK_TIMEOUT', async () => {
    receiver.answer('/slow', ['hang']);
    const id = await triggerReport(receiver.url('/slow'));
    await receiver.waitFor('/slow', 2);
    const job = await finishedCallbackJob(id);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(2);
    const retry = logger.lines.find((line) => line.includes('callback will retry') && line.includes(id));
    expect(retry).toContain('the callback could not be sent: no answer within CALLBACK_TIMEOUT');
  });

  it('gives up after CALLBACK_ATTEMPTS, and the report stays complete', async () => {
    receiver.answer('/down', [503, 503, 503, 503]);
    const id = await triggerReport(receiver.url('/down'));
    const job = await finishedCallbackJob(id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(3);
    expect(job.failedReason).toBe('the callback answered 503');
    const [a, b, c] = receiver.to('/down');
    // Exponential: about 1 s, then about 2 s.
    expect(b.at - a.at).toBeGreaterThanOrEqual(900);
    expect(c.at - b.at).toBeGreaterThanOrEqual(1900);
    expect(receiver.to('/down')).toHaveLength(3);
    expect((await harness.records.get(id))?.status).toBe('complete');
    expect(logger.lines.some((line) => line.includes('callback given up') && line.includes(id))).toBe(true);
  });

  it('does not follow a redirect, even to an allowed host', async () => {
    receiver.answer('/moved', Array(3).fill({ status: 302, location: receiver.url('/landing') }));
    const id = await triggerReport(receiver.url('/moved'));
    const job = await finishedCallbackJob(id);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toBe('the callback answered 302 (a redirect, which is not followed)');
    expect(receiver.to('/moved')).toHaveLength(3);
    expect(receiver.to('/landing')).toHaveLength(0);
  });

  it('refuses at send time a host the worker does not allow, without a request or a retry', async () => {
    // The receiver itself, by another name: the API's list allowed it, this worker's does not.
    const url = `http://localhost:${receiver.port}/not-allowed`;
    const id = await triggerReport(url);
    const job = await finishedCallbackJob(id);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe(
      `callback_url refused: names localhost:${receiver.port}, which is not in CALLBACK_ALLOWED_HOSTS`,
    );
    expect(receiver.to('/not-allowed')).toHaveLength(0);
    expect((await harness.records.get(id))?.status).toBe('complete');
  });

  it('sends once when a finished report is merged again (a merge retried after a crash announces again)', async () => {
    const id = await triggerReport(receiver.url('/once'));
    await receiver.waitFor('/once', 1);
    await finishedCallbackJob(id);
    const again = {
      reportId: id,
      asOfMs: Date.parse('2024-01-10T11:30:00Z'),
      policy: 'nearest',
      chunkCount: 0,
      ranges: [],
    };
    await harness.reportsQueue.add(JOB.merge, again, { jobId: `${id}-merge-again` });
    await waitFor(
      'the second merge to finish',
      10_000,
      async () => (await harness.reportsQueue.getJobState(`${id}-merge-again`)) === 'completed',
    );
    expect(logger.lines.filter((line) => line.includes('callback queued') && line.includes(id))).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.to('/once')).toHaveLength(1);
  });

  it('announces a report the stale-report sweep fails', async () => {
    const { id } = await harness.records.create({ asOf: null, policy: 'nearest', callbackUrl: receiver.url('/swept') });
    // Running for an hour, its jobs gone from Redis: the sweep fails it.
    await harness.records.markRunning(id);
    await harness.db.prisma
      .$executeRaw`UPDATE reports SET created_at = now() - interval '1 hour' WHERE id = ${id}::uuid`;
    const [request] = await receiver.waitFor('/swept', 1);
    expect(JSON.parse(request.body)).toMatchObject({
      report_id: id,
      status: 'failed',
      rows: null,
      error: LOST_JOBS_ERROR,
    });
    expect(signatureHolds(request, SECRET)).toBe(true);
  });

  it('adds no callback job for a report without a callback_url', async () => {
    const id = await triggerReport(null);
    expect((await harness.waitForReport(id)).status).toBe('complete');
    // The merge has returned: a callback would have been added before it did.
    await waitFor('the merge job to finish', 10_000, async () =>
      ['completed', 'unknown'].includes(await harness.reportsQueue.getJobState(mergeJobId(id))),
    );
    expect(await callbacks.getJob(callbackJobId(id))).toBeUndefined();
  });
});
