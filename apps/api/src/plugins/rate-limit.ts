import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { parseDuration } from '@store-monitor/csv';
import type { RedisClient } from '@store-monitor/jobs';
import { HttpError } from '../http-error';
import { globalPlugin } from './global-plugin';

/** At most `max` requests per client in any `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** The words TRIGGER_RATE_LIMIT takes after the slash, besides durations such as 10s or 5m. */
const WINDOW_WORDS: Record<string, number> = { s: 1000, sec: 1000, second: 1000, min: 60_000, minute: 60_000 };
Object.assign(WINDOW_WORDS, { h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000 });

export const RATE_LIMIT_FORMS = 'N/window such as 30/min, 5/10s or 1000/hour, or off';

/** TRIGGER_RATE_LIMIT: `N/window`, or `off` (null) for no limit. */
export const rateLimitSetting = z.string().transform((text, ctx): RateLimit | null => {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off') return null;
  const [count, window] = trimmed.split('/');
  const max = /^\d+$/.test(count ?? '') ? Number(count) : Number.NaN;
  const windowMs = window === undefined ? undefined : (WINDOW_WORDS[window] ?? parseDuration(window));
  if (Number.isSafeInteger(max) && max >= 1 && windowMs !== undefined && windowMs >= 1000) return { max, windowMs };
  ctx.addIssue({ code: 'custom', message: `must be ${RATE_LIMIT_FORMS} (got ${JSON.stringify(text)})` });
  return z.NEVER;
});

export interface RateLimitPluginOptions {
  limit: RateLimit;
  /** The counters live in Redis, so every API instance counts the same client together. */
  redis: RedisClient;
  /** The queue prefix: the counters' keys are `<prefix>:rate-limit:...`. */
  prefix: string;
}

/**
 * Registered on the root (globalPlugin), so that its route hook sees the routes of every scope.
 * Bounds the routes that ask for it (`config: { rateLimit: {} }`, today POST /trigger_report) to
 * `limit` per client address; every other route is untouched (global: false). Over the limit: 429
 * with Retry-After in seconds. While Redis is down requests pass uncounted (skipOnError): the
 * limited route needs Redis anyway and answers 503 on its own.
 */
export const rateLimitPlugin = globalPlugin<RateLimitPluginOptions>('rate-limit', async (app, opts) => {
  const { max, windowMs } = opts.limit;
  await app.register(rateLimit, {
    global: false,
    max,
    timeWindow: windowMs,
    redis: opts.redis,
    nameSpace: `${opts.prefix}:rate-limit:`,
    skipOnError: true,
    errorResponseBuilder: (request, context) =>
      new HttpError(
        429,
        `too many requests to ${request.method} ${request.routeOptions.url} from this client: at most ${max} ` +
          `per ${windowText(windowMs)}; retry in ${seconds(context.ttl)}`,
      ),
  });
});

/** As Retry-After counts them: whole seconds, rounded up. */
function seconds(ms: number): string {
  const whole = Math.max(1, Math.ceil(ms / 1000));
  return whole === 1 ? '1 second' : `${whole} seconds`;
}

function windowText(ms: number): string {
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? 'hour' : `${ms / 3_600_000} hours`;
  if (ms % 60_000 === 0) return ms === 60_000 ? 'minute' : `${ms / 60_000} minutes`;
  return `${ms / 1000} seconds`;
}
