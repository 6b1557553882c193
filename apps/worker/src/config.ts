import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from '@store-monitor/db';
import { DEFAULT_QUEUE_PREFIX } from '@store-monitor/jobs';
import { z } from 'zod';
import { redactUrl } from './redact-url';

export interface WorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  /** Absolute, so the file path recorded for a report does not depend on the worker's cwd. */
  reportsDir: string;
  chunkStores: number;
  concurrency: number;
  queuePrefix: string;
  /** How often a worker looks for reports whose jobs are gone or failed unseen (stale-reports.ts). */
  staleSweepMs: number;
  /** A queued or running report younger than this is never swept: its jobs may still be on their way. */
  staleReportMs: number;
  /** On a stop request, running jobs get this long to finish before they are handed back to the queue. */
  drainMs: number;
}

/** Every problem with the environment, one line each, so an operator fixes them all at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

// An empty variable (`REDIS_URL=` in a compose file) means "not set", not "set to nothing".
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function setting(fallback: string) {
  return z.preprocess(unsetIfEmpty, z.string().trim().default(fallback));
}

function urlSetting(name: string, fallback: string, protocols: string[], needsPath: boolean) {
  return setting(fallback).superRefine((text, ctx) => {
    const problem = urlProblem(name, text, protocols, needsPath);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

// The value is echoed only redacted: a URL may carry a password.
function urlProblem(name: string, text: string, protocols: string[], needsPath: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${name} is not a URL (expected ${protocols[0]}//host:port${needsPath ? '/database' : ''})`;
  }
  if (!protocols.includes(url.protocol)) return `${name} must start with ${protocols[0]}//, got "${url.protocol}//"`;
  if (needsPath && url.pathname.replace(/^\//, '') === '') return `${name} names no database: "${redactUrl(text)}"`;
  return undefined;
}

function positiveInteger(name: string, fallback: number) {
  return setting(String(fallback)).transform((text, ctx) => {
    const value = Number(text);
    if (/^\d+$/.test(text) && Number.isSafeInteger(value) && value > 0) return value;
    ctx.addIssue({ code: 'custom', message: `${name} must be a positive integer, got "${text}"` });
    return z.NEVER;
  });
}

const environmentSchema = z.object({
  DATABASE_URL: urlSetting('DATABASE_URL', DEFAULT_DATABASE_URL, ['postgresql:', 'postgres:'], true),
  REDIS_URL: urlSetting('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:'], false),
  REPORTS_DIR: setting('./reports'),
  REPORT_CHUNK_STORES: positiveInteger('REPORT_CHUNK_STORES', 2000),
  WORKER_CONCURRENCY: positiveInteger('WORKER_CONCURRENCY', 2),
  STALE_SWEEP_SECONDS: positiveInteger('STALE_SWEEP_SECONDS', 30),
  STALE_REPORT_SECONDS: positiveInteger('STALE_REPORT_SECONDS', 600),
  WORKER_DRAIN_SECONDS: positiveInteger('WORKER_DRAIN_SECONDS', 30),
  QUEUE_PREFIX: setting(DEFAULT_QUEUE_PREFIX).refine((prefix) => !/\s/.test(prefix), {
    message: 'QUEUE_PREFIX must not contain whitespace',
  }),
});

/** Every variable the worker reads, for deployment files to be checked against. */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape);

/** Reads the worker's settings from the environment; throws ConfigError naming each bad value. */
export function loadConfig(env: Record<string, string | undefined>): WorkerConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  const settings = parsed.data;
  return {
    databaseUrl: settings.DATABASE_URL,
    redisUrl: settings.REDIS_URL,
    reportsDir: resolve(settings.REPORTS_DIR),
    chunkStores: settings.REPORT_CHUNK_STORES,
    concurrency: settings.WORKER_CONCURRENCY,
    queuePrefix: settings.QUEUE_PREFIX,
    staleSweepMs: settings.STALE_SWEEP_SECONDS * 1000,
    staleReportMs: settings.STALE_REPORT_SECONDS * 1000,
    drainMs: settings.WORKER_DRAIN_SECONDS * 1000,
  };
}
