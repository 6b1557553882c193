import { z } from 'zod';
import {
  integer,
  optional,
  readEnvironment,
  serviceConfig,
  serviceVariables,
  type ConfigResult,
  type ServiceConfig,
} from '@store-monitor/service';

/** The worker's settings, read once at start from the environment: the shared ones and its own. */
export interface WorkerConfig extends ServiceConfig {
  chunkStores: number;
  concurrency: number;
  /** How often a worker looks for reports whose jobs are gone or failed unseen (stale-reports.ts). */
  staleSweepMs: number;
  /** A queued or running report younger than this is never swept: its jobs may still be on their way. */
  staleReportMs: number;
  /** On a stop request, running jobs get this long to finish before they are handed back to the queue. */
  drainMs: number;
}

const DEFAULTS = {
  chunkStores: 2000,
  concurrency: 2,
  staleSweepSeconds: 30,
  staleReportSeconds: 600,
  drainSeconds: 30,
};

const DAY_SECONDS = 24 * 3600;
const { DATABASE_URL, REDIS_URL, REPORTS_DIR, QUEUE_PREFIX, LOG_LEVEL, LOG_FORMAT } = serviceVariables;

// In the order its errors are listed, the shared variables among the worker's own.
const environmentSchema = z.object({
  DATABASE_URL,
  REDIS_URL,
  REPORTS_DIR,
  REPORT_CHUNK_STORES: optional(integer(1, 1_000_000)),
  // Each job may hold two database connections (a snapshot and its history reader).
  WORKER_CONCURRENCY: optional(integer(1, 64)),
  STALE_SWEEP_SECONDS: optional(integer(1, DAY_SECONDS)),
  STALE_REPORT_SECONDS: optional(integer(1, 30 * DAY_SECONDS)),
  WORKER_DRAIN_SECONDS: optional(integer(1, 3600)),
  QUEUE_PREFIX,
  LOG_LEVEL,
  LOG_FORMAT,
});

/** Every variable the worker reads, for deployment files to be checked against. */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape);

/**
 * Validates the environment; every bad value gives one line naming the variable. `stdoutIsTty`
 * picks the log format when LOG_FORMAT is unset.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  stdoutIsTty = process.stdout.isTTY === true,
): ConfigResult<WorkerConfig> {
  return readEnvironment(environmentSchema, env, (e) => ({
    ...serviceConfig(e, stdoutIsTty),
    chunkStores: e.REPORT_CHUNK_STORES ?? DEFAULTS.chunkStores,
    concurrency: e.WORKER_CONCURRENCY ?? DEFAULTS.concurrency,
    staleSweepMs: (e.STALE_SWEEP_SECONDS ?? DEFAULTS.staleSweepSeconds) * 1000,
    staleReportMs: (e.STALE_REPORT_SECONDS ?? DEFAULTS.staleReportSeconds) * 1000,
    drainMs: (e.WORKER_DRAIN_SECONDS ?? DEFAULTS.drainSeconds) * 1000,
  }));
}
