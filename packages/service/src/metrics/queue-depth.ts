import { Gauge, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry';

/** The job states whose counts are exported, in BullMQ's names. */
export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/**
 * What is read of a queue: BullMQ's Queue, by shape, so this package needs no BullMQ of its own.
 */
export interface CountedQueue {
  readonly name: string;
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
  /** With `asc` true, the first of the `wait` list is the job that has waited longest. */
  getJobs(
    states: 'wait'[],
    start: number,
    end: number,
    asc: boolean,
  ): Promise<Array<{ timestamp: number } | undefined>>;
  getWorkersCount(): Promise<number>;
  isPaused(): Promise<boolean>;
}

/**
 * A scrape gives Redis this long. A worker's connection waits for Redis forever (its commands are
 * queued while Redis is down), and a scrape must not: past this, the queue metrics are left out
 * and store_monitor_queue_metrics_up reads 0.
 */
export const QUEUE_READ_TIMEOUT_MS = 1000;

export interface QueueDepthOptions {
  timeoutMs?: number;
  /** The clock the oldest job's age is taken against (tests fix it). */
  now?: () => number;
}

interface QueueReading {
  name: string;
  counts: Record<string, number>;
  oldestAddedMs: number | undefined;
  workers: number;
  paused: boolean;
}

/**
 * Gauges read from Redis at each scrape (never on a timer, so an idle process costs Redis
 * nothing): jobs per queue and state, the age of the oldest waiting job, how many workers take
 * jobs from each queue, and whether it is paused. `queues` is called at scrape time: the API opens its queues after
 * the metrics are set up.
 */
export function watchQueueDepths(
  registry: Registry,
  queues: () => readonly CountedQueue[],
  options: QueueDepthOptions = {},
): void {
  const now = options.now ?? Date.now;
  const read = sharedRead(() => readQueues(queues(), options.timeoutMs ?? QUEUE_READ_TIMEOUT_MS));
  const registers = [registry];
  new Gauge({
    name: `${METRIC_PREFIX}queue_jobs`,
    help: 'Jobs in each queue by state, read from Redis at scrape time',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      for (const queue of (await read()) ?? [])
        for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, queue.counts[state] ?? 0);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}queue_oldest_waiting_seconds`,
    help: 'Seconds since the job that has waited longest in each queue was added; 0 when none waits',
    labelNames: ['queue'],
    registers,
    async collect() {
      this.reset();
      for (const queue of (await read()) ?? []) {
        const age = queue.oldestAddedMs === undefined ? 0 : Math.max(0, now() - queue.oldestAddedMs) / 1000;
        this.set({ queue: queue.name }, age);
      }
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}queue_workers`,
    help: 'Worker connections taking jobs from each queue, any process (Redis CLIENT LIST)',
    labelNames: ['queue'],
    registers,
    async collect() {
      this.reset();
      for (const queue of (await read()) ?? []) this.set({ queue: queue.name }, queue.workers);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}queue_paused`,
    help: '1 when the queue is paused (its waiting jobs wait until it is resumed), else 0',
    labelNames: ['queue'],
    registers,
    async collect() {
      this.reset();
      for (const queue of (await read()) ?? []) this.set({ queue: queue.name }, queue.paused ? 1 : 0);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}queue_metrics_up`,
    help: `1 when this scrape read the queues from Redis; 0 when Redis failed or took over ${QUEUE_READ_TIMEOUT_MS} ms`,
    registers,
    async collect() {
      this.set((await read()) === undefined ? 0 : 1);
    },
  });
}

/**
 * One read per scrape for the four gauges: prom-client collects them at once, and each awaits the
 * read the first one started.
 */
function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= read().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

/** Every queue's figures, or undefined when Redis fails or is too slow to answer. */
async function readQueues(queues: readonly CountedQueue[], timeoutMs: number): Promise<QueueReading[] | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([Promise.all(queues.map(readQueue)), timeout]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

async function readQueue(queue: CountedQueue): Promise<QueueReading> {
  const [counts, [oldest], workers, paused] = await Promise.all([
    queue.getJobCounts(...QUEUE_STATES),
    queue.getJobs(['wait'], 0, 0, true),
    queue.getWorkersCount(),
    queue.isPaused(),
  ]);
  return { name: queue.name, counts, oldestAddedMs: oldest?.timestamp, workers, paused };
}
