import { resolve } from 'node:path';
import { z } from 'zod';
import { DURATION_FORMS, parseDuration } from '@store-monitor/csv';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '@store-monitor/db';
import { DEFAULT_QUEUE_PREFIX } from '@store-monitor/jobs';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** pretty: one `<time> <event> key=value` line per event, like the workers'; json: pino's lines. */
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The API's settings, read once at start from the environment. */
export interface Config {
  databaseUrl: string;
  redisUrl: string;
  /** Absolute: report files are only ever read from `<reportsDir>/<uuid>.csv`. */
  reportsDir: string;
  port: number;
  host: string;
  queuePrefix: string;
  boardUser: string;
  /** Undefined: a random password is made at start and printed once. */
  boardPassword: string | undefined;
  /** The board shows the queues but refuses every action (pause, edit, retry, remove...) unless false. */
  boardReadOnly: boolean;
  /** The largest request body of POST /polls; other routes take small JSON bodies only. */
  bodyLimitBytes: number;
  /** Uploads loaded at once (UPLOAD_CONCURRENCY); more are refused with 503. Unset: DEFAULTS. */
  uploadConcurrency?: number;
  /** Where uploads are spooled while they load (UPLOAD_TEMP_DIR). Unset: the system's temp folder. */
  uploadTempDir?: string;
  logLevel: LogLevel;
  /** Unset, pretty on a terminal and JSON otherwise (a file, a pipe, a log collector). */
  logFormat: LogFormat;
  /** A request must arrive whole (headers and body) within this (REQUEST_TIMEOUT), else 408. */
  requestTimeoutMs: number;
  /** A request body that sends nothing for this long is cut with 408 (BODY_IDLE_TIMEOUT). */
  bodyIdleTimeoutMs: number;
  /** How far past the latest poll an as_of may be (AS_OF_MARGIN); earlier than the first poll never. */
  asOfMarginMs: number;
  /**
   * When set, the report and polls routes need `Authorization: Bearer <apiKey>`; undefined, the
   * API is open (a warning is logged at start).
   */
  apiKey?: string | undefined;
}

export const DEFAULTS = {
  redisUrl: 'redis://127.0.0.1:6379',
  reportsDir: './reports',
  port: 8080,
  // This machine only: a laptop's `npm start` must not serve its network. Containers set 0.0.0.0.
  host: '127.0.0.1',
  boardUser: 'admin',
  boardReadOnly: true,
  bodyLimitBytes: 50 * 1024 * 1024,
  // Each upload holds a database connection and a spool file; two keep both cores busy.
  uploadConcurrency: 2,
  logLevel: 'info' as LogLevel,
  asOfMargin: '1d',
  // A 50 MB upload at 2 Mbit/s takes under 4 minutes.
  requestTimeout: '5m',
  bodyIdleTimeout: '30s',
};

/** The shortest API key accepted: shorter ones are too easy to guess. */
export const MIN_API_KEY_LENGTH = 16;
/** The same bound for the board's password (a generated one has 24 characters). */
export const MIN_BOARD_PASSWORD_LENGTH = 16;

// `PORT=` in a compose file or a shell means "not set", not "the empty string".
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Never echoes the value: a URL may carry a password. */
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

const duration = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms !== undefined) return ms;
  ctx.addIssue({ code: 'custom', message: `must be ${DURATION_FORMS} (got ${JSON.stringify(text)})` });
  return z.NEVER;
});

const positiveDuration = duration.refine((ms) => ms > 0, { error: 'must be longer than 0s' });

function integer(min: number, max: number) {
  return z.string().transform((text, ctx) => {
    const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})` });
    return z.NEVER;
  });
}

const environmentSchema = z
  .object({
    DATABASE_URL: optional(databaseUrl),
    REDIS_URL: optional(redisUrl),
    REPORTS_DIR: optional(z.string()),
    PORT: optional(integer(0, 65535)),
    HOST: optional(z.string()),
    QUEUE_PREFIX: optional(
      z.string().regex(/^[A-Za-z0-9_.:{}-]+$/, { error: 'may hold only letters, digits and _ . : { } -' }),
    ),
    BULL_BOARD_USER: optional(z.string().regex(/^[^:\s]+$/, { error: 'must be non-empty, without ":" or spaces' })),
    // Never echoed, like API_KEY. Spaces are fine: basic auth carries any text.
    BULL_BOARD_PASSWORD: optional(
      z.string().refine((password) => [...password].length >= MIN_BOARD_PASSWORD_LENGTH, {
        error: `must be at least ${MIN_BOARD_PASSWORD_LENGTH} characters`,
      }),
    ),
    BULL_BOARD_READ_ONLY: optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
    BODY_LIMIT_BYTES: optional(integer(1024, 1024 * 1024 * 1024)),
    UPLOAD_CONCURRENCY: optional(integer(1, 64)),
    UPLOAD_TEMP_DIR: optional(z.string().min(1)),
    LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })),
    LOG_FORMAT: optional(z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` })),
    AS_OF_MARGIN: optional(duration),
    REQUEST_TIMEOUT: optional(positiveDuration),
    BODY_IDLE_TIMEOUT: optional(positiveDuration),
    // Never echoed: the message says what is wrong, not what was given.
    API_KEY: optional(
      z.string().refine((key) => key.length >= MIN_API_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key), {
        error: `must be at least ${MIN_API_KEY_LENGTH} characters, printable ASCII without spaces`,
      }),
    ),
  })
  // A user without a password would silently get a random one: say so instead.
  .refine((env) => env.BULL_BOARD_USER === undefined || env.BULL_BOARD_PASSWORD !== undefined, {
    error: 'is required when BULL_BOARD_USER is set',
    path: ['BULL_BOARD_PASSWORD'],
  });

/** Every variable the API reads (the compose file's test checks against it). */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape);

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/**
 * Validates the environment; every bad value gives one line naming the variable. `stdoutIsTty`
 * picks the log format when LOG_FORMAT is unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv, stdoutIsTty = process.stdout.isTTY === true): ConfigResult {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      databaseUrl: e.DATABASE_URL ?? DEFAULT_DATABASE_URL,
      redisUrl: e.REDIS_URL ?? DEFAULTS.redisUrl,
      reportsDir: resolve(e.REPORTS_DIR ?? DEFAULTS.reportsDir),
      port: e.PORT ?? DEFAULTS.port,
      host: e.HOST ?? DEFAULTS.host,
      queuePrefix: e.QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX,
      boardUser: e.BULL_BOARD_USER ?? DEFAULTS.boardUser,
      boardPassword: e.BULL_BOARD_PASSWORD,
      boardReadOnly: e.BULL_BOARD_READ_ONLY === undefined ? DEFAULTS.boardReadOnly : e.BULL_BOARD_READ_ONLY === 'true',
      bodyLimitBytes: e.BODY_LIMIT_BYTES ?? DEFAULTS.bodyLimitBytes,
      uploadConcurrency: e.UPLOAD_CONCURRENCY ?? DEFAULTS.uploadConcurrency,
      uploadTempDir: e.UPLOAD_TEMP_DIR === undefined ? undefined : resolve(e.UPLOAD_TEMP_DIR),
      logLevel: e.LOG_LEVEL ?? DEFAULTS.logLevel,
      logFormat: e.LOG_FORMAT ?? (stdoutIsTty ? 'pretty' : 'json'),
      asOfMarginMs: e.AS_OF_MARGIN ?? (parseDuration(DEFAULTS.asOfMargin) as number),
      requestTimeoutMs: e.REQUEST_TIMEOUT ?? (parseDuration(DEFAULTS.requestTimeout) as number),
      bodyIdleTimeoutMs: e.BODY_IDLE_TIMEOUT ?? (parseDuration(DEFAULTS.bodyIdleTimeout) as number),
      apiKey: e.API_KEY,
    },
  };
}
