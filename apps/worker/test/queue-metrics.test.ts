import { Queue, Worker } from 'bullmq';
import { Registry } from 'prom-client';
import { CHUNK_QUEUE, createRedisConnection, REPORT_QUEUE } from '@store-monitor/jobs';
import { watchQueueDepths } from '@store-monitor/service';
import { CLOSED_PORT_REDIS_URL, deleteKeys, REDIS_URL, uniquePrefix } from '@store-monitor/test-support';

/** The queue gauges of packages/service, against a real Redis, as both services register them. */
const prefix = uniquePrefix('sm-queue-metrics');
const connection = createRedisConnection(REDIS_URL, 'worker');
const reports = new Queue(REPORT_QUEUE, { connection, prefix });
const chunks = new Queue(CHUNK_QUEUE, { connection, prefix });
const NOW = Date.parse('2026-03-01T12:00:00Z');

afterAll(async () => {
  await Promise.all([reports.close(), chunks.close()]);
  await deleteKeys(prefix);
  connection.disconnect();
});

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the queue gauges', () => {
  it('count jobs per state and age the job that has waited longest, at each scrape', async () => {
    const registry = new Registry();
    watchQueueDepths(registry, () => [reports, chunks], { now: () => NOW });
    expect(sample(await registry.metrics(), 'store_monitor_queue_oldest_waiting_seconds{queue="report-chunks"}')).toBe(
      0,
    );
    // Added oldest first: the gauge must find the first, not the last, of the wait list.
    for (const agoMs of [90_000, 30_500, 0]) await chunks.add('chunk', { agoMs }, { timestamp: NOW - agoMs });
    await reports.add('plan', {}, { delay: 3_600_000 });
    const text = await registry.metrics();
    expect(sample(text, 'store_monitor_queue_jobs{queue="report-chunks",state="waiting"}')).toBe(3);
    expect(sample(text, 'store_monitor_queue_jobs{queue="reports",state="delayed"}')).toBe(1);
    expect(sample(text, 'store_monitor_queue_oldest_waiting_seconds{queue="report-chunks"}')).toBe(90);
    // A delayed job is not waiting.
    expect(sample(text, 'store_monitor_queue_oldest_waiting_seconds{queue="reports"}')).toBe(0);
    expect(sample(text, 'store_monitor_queue_metrics_up')).toBe(1);
  });

  it('say which queue is paused', async () => {
    const registry = new Registry();
    watchQueueDepths(registry, () => [reports, chunks]);
    expect(sample(await registry.metrics(), 'store_monitor_queue_paused{queue="report-chunks"}')).toBe(0);
    await chunks.pause();
    try {
      const text = await registry.metrics();
      expect(sample(text, 'store_monitor_queue_paused{queue="report-chunks"}')).toBe(1);
      expect(sample(text, 'store_monitor_queue_paused{queue="reports"}')).toBe(0);
    } finally {
      await chunks.resume();
    }
  });

  it('count the workers taking jobs from each queue', async () => {
    const registry = new Registry();
    watchQueueDepths(registry, () => [reports, chunks]);
    expect(sample(await registry.metrics(), 'store_monitor_queue_workers{queue="reports"}')).toBe(0);
    const workerConnection = createRedisConnection(REDIS_URL, 'worker');
    // Nothing for it to take: the one plan job of the test above is delayed by an hour.
    const worker = new Worker(REPORT_QUEUE, async () => undefined, { connection: workerConnection, prefix });
    worker.on('error', () => undefined);
    await worker.waitUntilReady();
    try {
      const text = await registry.metrics();
      expect(sample(text, 'store_monitor_queue_workers{queue="reports"}')).toBe(1);
      expect(sample(text, 'store_monitor_queue_workers{queue="report-chunks"}')).toBe(0);
    } finally {
      await worker.close();
      workerConnection.disconnect();
    }
  });

  it('leave the queues out, and say so, when Redis does not answer in time', async () => {
    // A worker's connection queues its commands until Redis is back: only the timeout ends the scrape.
    const down = createRedisConnection(CLOSED_PORT_REDIS_URL, 'worker');
    down.on('error', () => undefined);
    const queue = new Queue(CHUNK_QUEUE, { connection: down, prefix });
    queue.on('error', () => undefined);
    try {
      const registry = new Registry();
      watchQueueDepths(registry, () => [queue], { timeoutMs: 200 });
      const text = await registry.metrics();
      expect(sample(text, 'store_monitor_queue_metrics_up')).toBe(0);
      expect(text).not.toContain('store_monitor_queue_jobs{');
      expect(text).not.toContain('store_monitor_queue_workers{');
      expect(text).not.toContain('store_monitor_queue_paused{');
    } finally {
      down.disconnect();
      await queue.close();
    }
  });
});
