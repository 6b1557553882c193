import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { WorkerOptions } from 'bullmq';
import type { WorkerConfig } from './config';

/**
 * A job's lock lives this long unless renewed; the worker renews it every half of it. Chunk work
 * is I/O-bound and yields between stores, so renewal keeps up; a killed worker's job is back in
 * the queue within LOCK_MS + STALLED_INTERVAL_MS.
 */
const LOCK_MS = 30_000;
const STALLED_INTERVAL_MS = 15_000;
/**
 * A job whose worker died twice while running it is failed rather than handed to a third worker:
 * it is more likely the cause (memory) than the victim.
 */
const MAX_STALLED_COUNT = 2;

let instances = 0;

/** Recorded on every job as processedBy, so Bull Board (and tests) show who ran it. */
export function newWorkerName(): string {
  instances += 1;
  return `${hostname()}-${process.pid}-${instances}`;
}

export function workerOptions(config: WorkerConfig, connection: Redis, name: string): WorkerOptions {
  return {
    connection,
    prefix: config.queuePrefix,
    name,
    concurrency: config.concurrency,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
  };
}
