import { z } from 'zod';
import { allowedHostsSchema, type AllowedHost } from '@store-monitor/jobs';
import {
  checkRedisSettings,
  checkReportStoreVariables,
  httpBaseUrl,
  integer,
  metricsServerSettings,
  redisVariables,
  optional,
  positiveDuration,
  readEnvironment,
  reportStoreSettings,
  reportStoreVariables,
  serviceConfig,
  serviceVariables,
  type ConfigResult,
  type MetricsServerSettings,
  type ServiceConfig,
  workerMetricsVariables,
} from '@store-monitor/service';
import { retentionSettings, retentionVariables, type RetentionSettings } from './retention-settings';

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
  callbacks: CallbackConfig;
  /** METRICS_PORT, METRICS_HOST, METRICS_TOKEN: the metrics server, when there is one. */
  metrics: MetricsServerSettings;
  /** POLLS_RETENTION_DAYS, REPORTS_RETENTION_DAYS (retention-settings.ts). */
  retention: RetentionSettings;
}

/** How report callbacks are sent (see packages/jobs/src/report-callbacks.ts). */
export interface CallbackConfig {
  /** CALLBACK_SECRET, the HMAC key of X-Signature; undefined: this worker cannot send callbacks. */
  secret: string | undefined;
  /** CALLBACK_ALLOWED_HOSTS, checked again before each attempt; undefined: every callback is refused. */
  allowedHosts: AllowedHost[] | undefined;
  /** One attempt (connect, send, answer) may take this long (CALLBACK_TIMEOUT). */
  timeoutMs: number;
  /** Attempts in all, the first included (CALLBACK_ATTEMPTS). */
  attempts: number;
  /** The wait before the first retry, doubled for each next one (CALLBACK_BACKOFF). */
  backoffMs: number;
  /**
   * PUBLIC_URL: the API's address as receivers reach it, for the body's `url`. Undefined: `url` is
   * the path alone (`/get_report?report_id=...`), to be joined to the API's address by the receiver.
   */
  publicUrl: string | undefined;
}

const DEFAULTS = {
  chunkStores: 2000,
  concurrency: 2,
  staleSweepSeconds: 30,
  staleReportSeconds: 600,
  drainSeconds: 30,
  // Ten attempts over about 40 minutes: 5 s, 10 s, 20 s ... 21 min between them.
  callbackTimeoutMs: 10_000,
  callbackAttempts: 10,
  callbackBackoffMs: 5_000,
};

/** The shortest CALLBACK_SECRET accepted, as for API_KEY: shorter ones are too easy to guess. */
const MIN_CALLBACK_SECRET_LENGTH = 16;

const publicUrl = httpBaseUrl('https://reports.example.com');

const DAY_SECONDS = 24 * 3600;
const { DATABASE_URL, REDIS_URL, REPORTS_DIR, QUEUE_PREFIX, LOG_LEVEL, LOG_FORMAT } = serviceVariables;

// In the order its errors are listed, the shared variables among the worker's own.
const environmentSchema = z.object({
  DATABASE_URL,
  REDIS_URL,
  ...redisVariables,
  REPORTS_DIR,
  ...reportStoreVariables,
  REPORT_CHUNK_STORES: optional(integer(1, 1_000_000)),
  // Each job may hold two database connections (a snapshot and its history reader).
  WORKER_CONCURRENCY: optional(integer(1, 64)),
  STALE_SWEEP_SECONDS: optional(integer(1, DAY_SECONDS)),
  STALE_REPORT_SECONDS: optional(integer(1, 30 * DAY_SECONDS)),
  WORKER_DRAIN_SECONDS: optional(integer(1, 3600)),
  QUEUE_PREFIX,
  LOG_LEVEL,
  LOG_FORMAT,
  // Never echoed: the message says what is wrong, not what was given.
  CALLBACK_SECRET: optional(
    z.string().refine((secret) => secret.length >= MIN_CALLBACK_SECRET_LENGTH, {
      error: `must be at least ${MIN_CALLBACK_SECRET_LENGTH} characters`,
    }),
  ),
  CALLBACK_ALLOWED_HOSTS: optional(allowedHostsSchema),
  CALLBACK_TIMEOUT: optional(positiveDuration),
  CALLBACK_ATTEMPTS: optional(integer(1, 100)),
  CALLBACK_BACKOFF: optional(positiveDuration),
  PUBLIC_URL: optional(publicUrl),
  ...workerMetricsVariables,
  ...retentionVariables,
});

// A worker that may be given callbacks but cannot sign them would fail each one: say so at start.
const checkedSchema = environmentSchema
  .refine((env) => env.CALLBACK_ALLOWED_HOSTS === undefined || env.CALLBACK_SECRET !== undefined, {
    error: 'is required when CALLBACK_ALLOWED_HOSTS is set: callbacks are signed with it',
    path: ['CALLBACK_SECRET'],
  })
  .superRefine(checkRedisSettings)
  .superRefine(checkReportStoreVariables);

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
  return readEnvironment(checkedSchema, env, (e) => ({
    ...serviceConfig(e, stdoutIsTty),
    reportStore: reportStoreSettings(e),
    chunkStores: e.REPORT_CHUNK_STORES ?? DEFAULTS.chunkStores,
    concurrency: e.WORKER_CONCURRENCY ?? DEFAULTS.concurrency,
    staleSweepMs: (e.STALE_SWEEP_SECONDS ?? DEFAULTS.staleSweepSeconds) * 1000,
    staleReportMs: (e.STALE_REPORT_SECONDS ?? DEFAULTS.staleReportSeconds) * 1000,
    drainMs: (e.WORKER_DRAIN_SECONDS ?? DEFAULTS.drainSeconds) * 1000,
    callbacks: {
      secret: e.CALLBACK_SECRET,
      allowedHosts: e.CALLBACK_ALLOWED_HOSTS,
      timeoutMs: e.CALLBACK_TIMEOUT ?? DEFAULTS.callbackTimeoutMs,
      attempts: e.CALLBACK_ATTEMPTS ?? DEFAULTS.callbackAttempts,
      backoffMs: e.CALLBACK_BACKOFF ?? DEFAULTS.callbackBackoffMs,
      // Without its trailing slash, so the path joins with one.
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    },
    metrics: metricsServerSettings(e),
    retention: retentionSettings(e),
  }));
}
