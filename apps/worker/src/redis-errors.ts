import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from './logger';
import { oneLine } from './one-line';

export type ErrorListener = (source: string) => (error: Error) => void;

/** Redis's first word when it answers but takes no write: full (noeviction), a replica, no disk. */
const REFUSAL = /^(OOM|READONLY|MISCONF) /;
/** A Redis refusing writes is said at most this often: each job's every move would say it again. */
export const REFUSAL_LOG_INTERVAL_MS = 60_000;

/**
 * Error listeners for the connection, the queues and the workers. While Redis is unreachable,
 * ioredis retries every moment and every attempt is an error on each of them: the outage is logged
 * once when it starts and once when it ends (jobs just wait meanwhile). A Redis that refuses writes
 * fails every move of every job the same way: it is said once a minute, with how many were not.
 * Other errors while connected are real problems and are always logged.
 */
export function redisErrorListener(log: Logger, redis: Redis): ErrorListener {
  let down = false;
  const refusals = { lastLoggedAt: -Infinity, unsaid: 0 };
  redis.on('ready', () => {
    if (down) log.info('redis reachable again');
    down = false;
  });
  return (source) => (error) => {
    if (redis.status === 'ready' && REFUSAL.test(error.message)) {
      if (Date.now() - refusals.lastLoggedAt < REFUSAL_LOG_INTERVAL_MS) {
        refusals.unsaid += 1;
        return;
      }
      log.error('redis refuses writes; jobs wait until it takes them', { source, error: oneLine(error), alsoRefusedSinceLastSaid: refusals.unsaid });
      refusals.lastLoggedAt = Date.now();
      refusals.unsaid = 0;
    } else if (redis.status === 'ready') {
      log.error('error', { source, error: oneLine(error) });
    } else if (!down) {
      down = true;
      log.error('redis unreachable; jobs wait until it is back', { source, error: oneLine(error) });
    }
  };
}

type Processor = (job: Job) => Promise<unknown>;

/**
 * A processor whose errors name what Redis refused. ioredis fails a MULTI that Redis discarded
 * with "EXECABORT Transaction discarded because of previous errors", and BullMQ records only that
 * message: a report would fail "after 5 attempts: EXECABORT ..." when the cause was a full Redis.
 */
export function namingRedisRefusals(processor: Processor): Processor {
  return async (job) => {
    try {
      return await processor(job);
    } catch (error) {
      throw withRefusedCommand(error);
    }
  };
}

/** The same error, its message led by the first refusal ioredis kept in previousErrors. */
export function withRefusedCommand(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.startsWith('EXECABORT')) return error;
  const first = (error as Error & { previousErrors?: unknown[] }).previousErrors?.find((e): e is Error => e instanceof Error);
  if (first) error.message = `${first.message} (Redis discarded the whole transaction)`;
  return error;
}
