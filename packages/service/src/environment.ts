import { resolve } from 'node:path';
import { z } from 'zod';
import { DURATION_FORMS, parseDuration } from '@store-monitor/csv';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '@store-monitor/db';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './logger';
import { CLUSTER_QUEUE_PREFIX, redisTopologyOf, type redisVariables, type RedisTopology } from './redis-settings';
import type { ReportStoreSettings } from './report-store/s3-settings';

/**
 * The environment every service process reads, validated once at start with zod. Each app extends
 * `serviceVariables` with its own; every bad value becomes one line naming the variable, and no
 * message echoes a value that could be a secret (a URL may carry a password).
 */

// `PORT=` in a compose file or a shell means "not set", not "the empty string".
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const databaseUrl = z.string().refine(
  (text) => {
    try {
      parseDatabaseUrl(text);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be a postgresql:// URL that names a database' },
);

const redisUrl = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { error: 'must be a redis:// or rediss:// URL with a host' },
);

/** An http:// or https:// URL without a query or fragment (a base address); `example` shows one. */
export function httpBaseUrl(example: string) {
  return z.string().refine(
    (text) => {
      try {
        const url = new URL(text);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
      } catch {
        return false;
      }
    },
    { error: `must be an http:// or https:// URL without a query, such as ${example}` },
  );
}

/** A whole number in [min, max], written in digits only (no sign, exponent or fraction). */
export function integer(min: number, max: number) {
  return z.string().transform((text, ctx) => {
    const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({
      code: 'custom',
      message: `must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`,
    });
    return z.NEVER;
  });
}

/** A duration such as 45s or 2h30m, in milliseconds. */
export const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  ctx.addIssue({ code: 'custom', message: `must be ${DURATION_FORMS} (got ${JSON.stringify(text)})` });
  return z.NEVER;
});

export const positiveDuration = duration.refine((ms) => ms > 0, { error: 'must be longer than 0s' });

/** `true` or `false`, nothing else: a typo must not silently mean either. */
export const boolean = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((text) => text === 'true');

/** What the API and the worker both read, with the same rules. */
export const serviceVariables = {
  DATABASE_URL: optional(databaseUrl),
  REDIS_URL: optional(redisUrl),
  REPORTS_DIR: optional(z.string()),
  // `:` and `{}` are allowed: a Redis Cluster prefix is written `{store-monitor}`.
  QUEUE_PREFIX: optional(
    z.string().regex(/^[A-Za-z0-9_.:{}-]+$/, { error: 'may hold only letters, digits and _ . : { } -' }),
  ),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
  LOG_FORMAT: optional(z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` })),
};

type ServiceVariables = z.infer<z.ZodObject<typeof serviceVariables>> &
  Partial<z.infer<z.ZodObject<typeof redisVariables>>>;

/** The shared settings, defaults applied. */
export interface ServiceConfig {
  databaseUrl: string;
  redisUrl: string;
  /** A Redis Cluster or Sentinels (redis-settings.ts), in place of redisUrl's server; undefined: that server. */
  redisTopology?: RedisTopology;
  /** Absolute, so a report's file does not depend on the process's working directory. */
  reportsDir: string;
  /** REPORT_STORE and its S3 settings (report-store/s3-settings.ts); undefined (tests): the folder. */
  reportStore?: ReportStoreSettings;
  queuePrefix: string;
  logLevel: LogLevel;
  /** Unset: pretty on a terminal, JSON otherwise (a file, a pipe, a log collector). */
  logFormat: LogFormat;
}

/** The Redis key prefix of the queues; tests and side-by-side deployments set their own. */
export const DEFAULT_QUEUE_PREFIX = 'store-monitor';

const SERVICE_DEFAULTS = {
  redisUrl: 'redis://127.0.0.1:6379',
  reportsDir: './reports',
  logLevel: 'info' as LogLevel,
};

export function serviceConfig(env: ServiceVariables, stdoutIsTty: boolean): ServiceConfig {
  const redisTopology = redisTopologyOf(env);
  const defaultPrefix = redisTopology?.kind === 'cluster' ? CLUSTER_QUEUE_PREFIX : DEFAULT_QUEUE_PREFIX;
  return {
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    redisUrl: env.REDIS_URL ?? SERVICE_DEFAULTS.redisUrl,
    ...(redisTopology && { redisTopology }),
    reportsDir: resolve(env.REPORTS_DIR ?? SERVICE_DEFAULTS.reportsDir),
    queuePrefix: env.QUEUE_PREFIX ?? defaultPrefix,
    logLevel: env.LOG_LEVEL ?? SERVICE_DEFAULTS.logLevel,
    logFormat: env.LOG_FORMAT ?? (stdoutIsTty ? 'pretty' : 'json'),
  };
}

export type ConfigResult<T> = { ok: true; config: T } | { ok: false; errors: string[] };

/** Validates `env` against `schema`; the errors are one line each, `NAME: what is wrong`. */
export function readEnvironment<S extends z.ZodType, T>(
  schema: S,
  env: NodeJS.ProcessEnv,
  build: (values: z.infer<S>) => T,
): ConfigResult<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  return { ok: true, config: build(parsed.data) };
}

/** Exit code for settings that cannot be used, as with the command line's usage errors. */
export const EXIT_BAD_CONFIG = 2;

/** The config, or each problem on standard error as `<program>: <problem>` and exit 2. */
export function configOrExit<T>(program: string, result: ConfigResult<T>): T {
  if (result.ok) return result.config;
  for (const line of result.errors) process.stderr.write(`${program}: ${line}\n`);
  process.exit(EXIT_BAD_CONFIG);
}
