import { hostname } from 'node:os';
import type { JobsOptions, WorkerOptions } from 'bullmq';

/**
 * Every job of a report (plan, merge, chunks) gets these. Transient failures (a database restart,
 * a lost connection) retry with backoff; bad input is thrown as UnrecoverableError by the worker
 * and is not retried. Finished jobs are kept for a while for Bull Board, then trimmed so Redis
 * does not grow for the life of the product.
 */
export const REPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};

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

/** How a worker process takes jobs: `concurrency` at once, each locked as above. */
export function reportWorkerOptions(name: string, concurrency: number): Omit<WorkerOptions, 'connection'> {
  return {
    name,
    concurrency,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
  };
}

let instances = 0;

/** Recorded on every job as processedBy, so Bull Board (and tests) show who ran it. */
export function newWorkerName(): string {
  instances += 1;
  return `${hostname()}-${process.pid}-${instances}`;
}
