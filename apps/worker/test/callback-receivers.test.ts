import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { CALLBACK_QUEUE, callbackJobId, enqueueReport } from '@store-monitor/jobs';
import { waitFor } from '@store-monitor/test-support';
import { CallbackReceiver } from './support/callback-receiver';
import { ingestPollRows } from './support/dataset';
import { Harness } from './support/harness';
import { HostileReceiver, type Behaviour, type Connection } from './support/hostile-receiver';
import type { WorkerProcess } from './support/worker-process';

/**
 * Callback receivers that misbehave, against a worker process as an operator runs it: a redirect
 * to a host off CALLBACK_ALLOWED_HOSTS, an answer that never ends, a receiver that never answers
 * or answers a byte at a time. The worker never leaves the list, reads no more than an answer's
 * head, gives up on each attempt at CALLBACK_TIMEOUT, and goes on with other work meanwhile; the
 * report stays complete and the failed callback is logged.
 */
const TIMEOUT_MS = 3000;
const ATTEMPTS = 2;
/**
 * What a receiver can write before a caller that reads no more hangs up: the loopback socket
 * buffers' worth (a few MiB here), far below what an endless answer sends to one that reads on.
 */
const AT_MOST_BUFFERED = 32 * 1024 * 1024;

const harness = new Harness();
/** The misbehaving receivers, on an allowed port. */
const hostile = new HostileReceiver();
/** A well-behaved receiver, also allowed. */
const good = new CallbackReceiver();
/** A receiver off the list: nothing may ever reach it. */
const outside = new CallbackReceiver();
let worker: WorkerProcess;
let callbacks: Queue;

beforeAll(async () => {
  await harness.open();
  await Promise.all([hostile.start(), good.start(), outside.start()]);
  await ingestPollRows(harness.databaseUrl, join(harness.workDir, 'polls.csv'), [
    's1,active,2024-01-10 11:00:00 UTC',
    's2,inactive,2024-01-10 11:30:00 UTC',
  ]);
  callbacks = new Queue(CALLBACK_QUEUE, { connection: harness.redis, prefix: harness.prefix });
  worker = await harness.startProcess({
    WORKER_CONCURRENCY: '2',
    CALLBACK_SECRET: 'a callback secret of some length',
    CALLBACK_ALLOWED_HOSTS: `127.0.0.1:${hostile.port},127.0.0.1:${good.port}`,
    CALLBACK_ATTEMPTS: String(ATTEMPTS),
    CALLBACK_BACKOFF: '1s',
    CALLBACK_TIMEOUT: `${TIMEOUT_MS / 1000}s`,
  });
}, 120_000);

afterAll(async () => {
  await callbacks?.close();
  await harness.close();
  await Promise.all([hostile.stop(), good.stop(), outside.stop()]);
});

/** A report calling back to `url`, queued as the API queues it. */
async function triggerReport(url: string): Promise<string> {
  const { id } = await harness.records.create({ asOf: null, policy: 'nearest', callbackUrl: url });
  await enqueueReport(harness.reportsQueue, { reportId: id, asOf: null, policy: 'nearest' });
  return id;
}

/** A report calling back to `path` on the hostile receiver, answered as `behaviour` says. */
function triggerHostile(path: string, behaviour: Behaviour): Promise<string> {
  hostile.behave(path, behaviour);
  return triggerReport(hostile.url(path));
}

async function finishedCallbackJob(reportId: string): Promise<Job> {
  const id = callbackJobId(reportId);
  await waitFor(`callback job ${id} to finish`, 30_000, async () =>
    ['completed', 'failed'].includes(await callbacks.getJobState(id)),
  );
  return (await Job.fromId(callbacks, id)) as Job;
}

/** A callback that failed every attempt: its reason, the report still complete, the give-up logged. */
async function expectGivenUp(reportId: string, reason: string): Promise<void> {
  const job = await finishedCallbackJob(reportId);
  expect([await job.getState(), job.attemptsMade, job.failedReason]).toEqual(['failed', ATTEMPTS, reason]);
  expect((await harness.records.get(reportId))?.status).toBe('complete');
  // Logged by the failed event, just after the job's state changed.
  const givenUp = await waitFor('the give-up to be logged', 10_000, async () => {
    const lines = worker.lines.filter((line) => line.includes('callback given up') && line.includes(reportId));
    return lines.length > 0 ? lines : undefined;
  });
  expect(givenUp).toHaveLength(1);
}

/** The worker process's peak resident memory so far (VmHWM), in MiB. */
function peakMemoryMiB(): number {
  const status = readFileSync(`/proc/${worker.pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]) / 1024;
}

const open = (connection: Connection) => connection.closedAt === undefined;
const heldMs = (connection: Connection) => (connection.closedAt as number) - connection.openedAt;

describe('callback receivers that redirect', () => {
  it('never follows a redirect off the list: the host it names gets no request, on any attempt', async () => {
    const cases = [301, 302, 303, 307, 308].flatMap((status) => [
      { status, path: `/to-outside-${status}`, location: outside.url(`/stolen-${status}`) },
      // The allowed receiver by a name the list does not have.
      { status, path: `/to-other-name-${status}`, location: `http://localhost:${good.port}/by-name-${status}` },
    ]);
    const ids = await Promise.all(
      cases.map(({ status, path, location }) => triggerHostile(path, { kind: 'redirect', status, location })),
    );
    for (const id of ids) await finishedCallbackJob(id);
    expect(outside.received).toEqual([]);
    expect(good.received.filter((r) => r.path.startsWith('/by-name-'))).toEqual([]);
    for (const [i, { status, path }] of cases.entries()) {
      await expectGivenUp(ids[i], `the callback answered ${status} (a redirect, which is not followed)`);
      expect(hostile.to(path)).toHaveLength(ATTEMPTS);
    }
  });
});

describe('callback receivers that answer without end', () => {
  it('takes a 200 whose body never ends as delivered, reading only its head: the worker hangs up at once, its memory flat', async () => {
    const before = peakMemoryMiB();
    const id = await triggerHostile('/endless-200', { kind: 'endless-body', status: 200 });
    const job = await finishedCallbackJob(id);
    expect([await job.getState(), job.attemptsMade, job.returnvalue]).toEqual(['completed', 1, { status: 200 }]);
    const [connection] = await hostile.closed('/endless-200', 1);
    expect(connection.bytesWritten).toBeLessThan(AT_MOST_BUFFERED);
    expect(heldMs(connection)).toBeLessThan(TIMEOUT_MS);
    // Read on until CALLBACK_TIMEOUT, the stream is hundreds of MiB of the worker's memory.
    expect(peakMemoryMiB() - before).toBeLessThan(100);
    expect((await harness.records.get(id))?.status).toBe('complete');
  });

  it('an endless 500 fails each attempt on its status alone, and each connection is dropped', async () => {
    const id = await triggerHostile('/endless-500', { kind: 'endless-body', status: 500 });
    await expectGivenUp(id, 'the callback answered 500');
    const connections = await hostile.closed('/endless-500', ATTEMPTS);
    for (const connection of connections) expect(connection.bytesWritten).toBeLessThan(AT_MOST_BUFFERED);
  });

  it('a header line that never ends fails the attempt at the HTTP client bound, not at the timeout', async () => {
    const id = await triggerHostile('/endless-headers', { kind: 'endless-headers' });
    // undici's limit on an answer's head (16 KiB by default).
    await expectGivenUp(id, 'the callback could not be sent: Headers Overflow Error');
    for (const connection of await hostile.closed('/endless-headers', ATTEMPTS)) {
      expect(connection.bytesWritten).toBeLessThan(AT_MOST_BUFFERED);
      expect(heldMs(connection)).toBeLessThan(TIMEOUT_MS);
    }
  });
});

describe('callback receivers that are slow', () => {
  /** Every attempt timed out, each connection held for CALLBACK_TIMEOUT: not less, and not forever. */
  async function expectDroppedAtTimeout(reportId: string, path: string): Promise<void> {
    await expectGivenUp(reportId, 'the callback could not be sent: no answer within CALLBACK_TIMEOUT');
    for (const connection of await hostile.closed(path, ATTEMPTS)) {
      expect(heldMs(connection)).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      // Some slack for a busy machine.
      expect(heldMs(connection)).toBeLessThan(TIMEOUT_MS + 5000);
    }
  }

  it('a receiver that never answers is dropped at CALLBACK_TIMEOUT, and other reports call back meanwhile', async () => {
    const id = await triggerHostile('/silent', { kind: 'silent' });
    const [held] = await waitFor('the silent receiver to hold the first attempt', 30_000, async () =>
      hostile.to('/silent').length > 0 ? hostile.to('/silent') : undefined,
    );
    // Another report, triggered while the first attempt hangs: built and called back regardless.
    const other = await triggerReport(good.url('/meanwhile'));
    await good.waitFor('/meanwhile', 1);
    expect((await harness.records.get(other))?.status).toBe('complete');
    expect(open(held)).toBe(true);

    await expectDroppedAtTimeout(id, '/silent');
  });

  it('a status line trickled a byte at a time is dropped at CALLBACK_TIMEOUT', async () => {
    const id = await triggerHostile('/trickle-status', { kind: 'trickle-status', everyMs: 200 });
    await expectDroppedAtTimeout(id, '/trickle-status');
  });

  it('a 200 whose body trickles is delivered on its status, the body not waited for', async () => {
    const id = await triggerHostile('/trickle-body', { kind: 'trickle-body', everyMs: 200 });
    const job = await finishedCallbackJob(id);
    expect([await job.getState(), job.attemptsMade]).toEqual(['completed', 1]);
    const [connection] = await hostile.closed('/trickle-body', 1);
    expect(heldMs(connection)).toBeLessThan(TIMEOUT_MS);
    expect((await harness.records.get(id))?.status).toBe('complete');
  });
});
