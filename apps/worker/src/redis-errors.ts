import type { Redis } from 'ioredis';
import type { Logger } from './logger';
import { oneLine } from './one-line';

export type ErrorListener = (source: string) => (error: Error) => void;

/**
 * Error listeners for the connection, the queues and the workers. While Redis is unreachable,
 * ioredis retries every moment and every attempt is an error on each of them: the outage is logged
 * once when it starts and once when it ends (jobs just wait meanwhile). Errors while connected
 * are real problems and are always logged.
 */
export function redisErrorListener(log: Logger, redis: Redis): ErrorListener {
  let down = false;
  redis.on('ready', () => {
    if (down) log.info('redis reachable again');
    down = false;
  });
  return (source) => (error) => {
    if (redis.status === 'ready') {
      log.error('error', { source, error: oneLine(error) });
    } else if (!down) {
      down = true;
      log.error('redis unreachable; jobs wait until it is back', { source, error: oneLine(error) });
    }
  };
}
