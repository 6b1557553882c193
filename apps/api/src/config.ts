import { resolve } from 'node:path';
import { z } from 'zod';
import { parseDuration } from '@store-monitor/csv';
import { allowedHostsSchema, type AllowedHost } from '@store-monitor/jobs';
import {
  apiMetricsVariables,
  boolean,
  checkRedisSettings,
  checkReportStoreVariables,
  redisVariables,
  duration,
  integer,
  optional,
  positiveDuration,
  readEnvironment,
  reportStoreSettings,
  reportStoreVariables,
  serviceConfig,
  serviceVariables,
  type ConfigResult,
  type ServiceConfig,
} from '@store-monitor/service';
import { rateLimitSetting, type RateLimit } from './plugins/rate-limit';

/** The API's settings, read once at start from the environment: the shared ones and its own. */
export interface Config extends ServiceConfig {
  port: number;
  host: string;
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
  /**
   * CALLBACK_ALLOWED_HOSTS: the hosts a trigger's callback_url may name. Undefined: callback_url is
   * refused with 400.
   */
  callbackAllowedHosts?: AllowedHost[];
  /**
   * TRIGGER_RATE_LIMIT: POST /trigger_report per client address. loadConfig always sets it (default
   * 30/min); null (`off`) or left out of a config built by hand (tests): no limit.
   */
  triggerRateLimit?: RateLimit | null;
  /** METRICS_TOKEN: when set, GET /metrics needs it as a bearer token; undefined: /metrics is open. */
  metricsToken?: string;
}

export const DEFAULTS = {
  port: 8080,
  // This machine only: a laptop's `npm start` must not serve its network. Containers set 0.0.0.0.
  host: '127.0.0.1',
  boardUser: 'admin',
  boardReadOnly: true,
  bodyLimitBytes: 50 * 1024 * 1024,
  // Each upload holds a database connection and a spool file; two keep both cores busy.
  uploadConcurrency: 2,
  asOfMargin: '1d',
  // A 50 MB upload at 2 Mbit/s takes under 4 minutes.
  requestTimeout: '5m',
  bodyIdleTimeout: '30s',
  // Well above a tool's or a person's pace; a loop gone wrong fills the queue no faster than this.
  triggerRateLimit: { max: 30, windowMs: 60_000 },
};

/** The shortest API key accepted: shorter ones are too easy to guess. */
const MIN_API_KEY_LENGTH = 16;
/** The same bound for the board's password (a generated one has 24 characters). */
const MIN_BOARD_PASSWORD_LENGTH = 16;

const { DATABASE_URL, REDIS_URL, REPORTS_DIR, QUEUE_PREFIX, LOG_LEVEL, LOG_FORMAT } = serviceVariables;

// In the order its errors are listed, the shared variables among the API's own.
const environmentSchema = z
  .object({
    DATABASE_URL,
    REDIS_URL,
    ...redisVariables,
    REPORTS_DIR,
    ...reportStoreVariables,
    PORT: optional(integer(0, 65535)),
    HOST: optional(z.string()),
    QUEUE_PREFIX,
    BULL_BOARD_USER: optional(z.string().regex(/^[^:\s]+$/, { error: 'must be non-empty, without ":" or spaces' })),
    // Never echoed, like API_KEY. Spaces are fine: basic auth carries any text.
    BULL_BOARD_PASSWORD: optional(
      z.string().refine((password) => [...password].length >= MIN_BOARD_PASSWORD_LENGTH, {
        error: `must be at least ${MIN_BOARD_PASSWORD_LENGTH} characters`,
      }),
    ),
    BULL_BOARD_READ_ONLY: optional(boolean),
    BODY_LIMIT_BYTES: optional(integer(1024, 1024 * 1024 * 1024)),
    UPLOAD_CONCURRENCY: optional(integer(1, 64)),
    UPLOAD_TEMP_DIR: optional(z.string().min(1)),
    LOG_LEVEL,
    LOG_FORMAT,
    AS_OF_MARGIN: optional(duration),
    REQUEST_TIMEOUT: optional(positiveDuration),
    BODY_IDLE_TIMEOUT: optional(positiveDuration),
    // Never echoed: the message says what is wrong, not what was given.
    API_KEY: optional(
      z.string().refine((key) => key.length >= MIN_API_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key), {
        error: `must be at least ${MIN_API_KEY_LENGTH} characters, printable ASCII without spaces`,
      }),
    ),
    CALLBACK_ALLOWED_HOSTS: optional(allowedHostsSchema),
    TRIGGER_RATE_LIMIT: optional(rateLimitSetting),
    ...apiMetricsVariables,
  })
  // A user without a password would silently get a random one: say so instead.
  .refine((env) => env.BULL_BOARD_USER === undefined || env.BULL_BOARD_PASSWORD !== undefined, {
    error: 'is required when BULL_BOARD_USER is set',
    path: ['BULL_BOARD_PASSWORD'],
  })
  .superRefine(checkRedisSettings)
  .superRefine(checkReportStoreVariables);

/** Every variable the API reads (the compose file's test checks against it). */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape);

/**
 * Validates the environment; every bad value gives one line naming the variable. `stdoutIsTty`
 * picks the log format when LOG_FORMAT is unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv, stdoutIsTty = process.stdout.isTTY === true): ConfigResult<Config> {
  return readEnvironment(environmentSchema, env, (e) => ({
    ...serviceConfig(e, stdoutIsTty),
    reportStore: reportStoreSettings(e),
    port: e.PORT ?? DEFAULTS.port,
    host: e.HOST ?? DEFAULTS.host,
    boardUser: e.BULL_BOARD_USER ?? DEFAULTS.boardUser,
    boardPassword: e.BULL_BOARD_PASSWORD,
    boardReadOnly: e.BULL_BOARD_READ_ONLY ?? DEFAULTS.boardReadOnly,
    bodyLimitBytes: e.BODY_LIMIT_BYTES ?? DEFAULTS.bodyLimitBytes,
    uploadConcurrency: e.UPLOAD_CONCURRENCY ?? DEFAULTS.uploadConcurrency,
    uploadTempDir: e.UPLOAD_TEMP_DIR === undefined ? undefined : resolve(e.UPLOAD_TEMP_DIR),
    asOfMarginMs: e.AS_OF_MARGIN ?? (parseDuration(DEFAULTS.asOfMargin) as number),
    requestTimeoutMs: e.REQUEST_TIMEOUT ?? (parseDuration(DEFAULTS.requestTimeout) as number),
    bodyIdleTimeoutMs: e.BODY_IDLE_TIMEOUT ?? (parseDuration(DEFAULTS.bodyIdleTimeout) as number),
    apiKey: e.API_KEY,
    callbackAllowedHosts: e.CALLBACK_ALLOWED_HOSTS,
    triggerRateLimit: e.TRIGGER_RATE_LIMIT === undefined ? DEFAULTS.triggerRateLimit : e.TRIGGER_RATE_LIMIT,
    metricsToken: e.METRICS_TOKEN,
  }));
}
