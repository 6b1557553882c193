import type { Job } from 'bullmq';
import { oneLine, type LogWriter } from '@store-monitor/service';
import type { RedisClient } from './redis-connection';

export type ErrorListener = (source: string) => (error: Error) => void;

/** Redis's first word when it answers but takes no write: full (noeviction), a replica, no disk. */
const REFUSAL = /^(OOM|READONLY|MISCONF) /;
/** A Redis refusing writes is said at most this often: each job's every move would say it again. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/**
 * Error listeners for the connection, the queues and the workers. While Redis is unreachable,
 * ioredis retries every moment and every attempt is an error on each of them: the outage is logged
 * once when it starts and once when it ends. A Redis that refuses writes fails every move of every
 * job the same way: it is said once a minute, with how many were not. Other errors while connected
 * are real problems and are always logged. `whileDown` says what waits meanwhile ("jobs wait").
 */
export function redisErrorListener(log: LogWriter, redis: RedisClient, whileDown: string): ErrorListener {
  let down = false;
  const refusals = { lastLoggedAt: Number.NEGATIVE_INFINITY, unsaid: 0 };
  redis.on('ready', () => {
    if (down) log.info({}, 'redis reachable again');
    down = false;
  });
  return (source) => (cause) => {
    const error = withNodeReason(cause);
    if (redis.status === 'ready' && REFUSAL.test(error.message)) {
      if (Date.now() - refusals.lastLoggedAt < REFUSAL_LOG_INTERVAL_MS) {
        refusals.unsaid += 1;
        return;
      }
      const fields = { source, error: oneLine(error), alsoRefusedSinceLastSaid: refusals.unsaid };
      log.error(fields, `redis refuses writes; ${whileDown} until it takes them`);
      refusals.lastLoggedAt = Date.now();
      refusals.unsaid = 0;
    } else if (redis.status === 'ready') {
      log.error({ source, error: oneLine(error) }, 'error');
    } else if (!down) {
      down = true;
      log.error({ source, error: oneLine(error) }, `redis unreachable; ${whileDown} until it is back`);
    }
  };
}

/**
 * A cluster that cannot be reached says only "Failed to refresh slots cache."; why (a wrong
 * password, a refused connection) is in the last node's error, which the log line must carry.
 */
function withNodeReason(error: Error): Error {
  const node = (error as Error & { lastNodeError?: unknown }).lastNodeError;
  return node instanceof Error ? new Error(`${error.message} (${node.message})`) : error;
}

/** BullMQ's processor: the lock token and abort signal come only to one that declares three parameters. */
export type Processor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;

/**
 * A processor whose errors name what Redis refused. ioredis fails a MULTI that Redis discarded
 * with "EXECABORT Transaction discarded because of previous errors", and BullMQ records only that
 * message: a report would fail "after 5 attempts: EXECABORT ..." when the cause was a full Redis.
 * Token and signal pass through, so a wrapped processor can still hand its job back on abort.
 */
export function namingRedisRefusals(processor: Processor): Processor {
  return async (job, token, signal) => {
    try {
      return await processor(job, token, signal);
    } catch (error) {
      throw withRefusedCommand(error);
    }
  };
}

/** The same error, its message led by the first refusal ioredis kept in previousErrors. */
function withRefusedCommand(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.startsWith('EXECABORT')) return error;
  const first = (error as Error & { previousErrors?: unknown[] }).previousErrors?.find(
    (e): e is Error => e instanceof Error,
  );
  if (first) error.message = `${first.message} (Redis discarded the whole transaction)`;
  return error;
}

/**
 * Redis answers a write it will not take with an error whose first word says why. Reads still
 * work, so the connection looks healthy: these must be told apart from Redis being down.
 */
const REFUSALS: Record<string, string> = {
  OOM: 'Redis is full (maxmemory) and refuses writes',
  READONLY: 'Redis is a read-only replica and refuses writes',
  MISCONF: 'Redis cannot save to disk and refuses writes',
};

/** The sentence for a write refusal anywhere in the error's causes, or undefined for any other error. */
export function writeRefusal(error: unknown): string | undefined {
  let e = error as { message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const word = typeof e.message === 'string' ? /^([A-Z]+) /.exec(e.message)?.[1] : undefined;
    if (word !== undefined && word in REFUSALS) return REFUSALS[word];
  }
  return undefined;
}
