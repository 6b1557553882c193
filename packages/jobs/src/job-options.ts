import type { JobsOptions } from 'bullmq';

/**
 * Transient failures (a database restart, a lost connection) retry with backoff; bad input is
 * thrown as UnrecoverableError by the worker and is not retried. Finished jobs are kept for a
 * while for Bull Board, then trimmed so Redis does not grow for the life of the product.
 */
export const REPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};
