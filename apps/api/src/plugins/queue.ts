import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import { CHUNK_QUEUE, createRedisConnection, openReportQueue } from '@store-monitor/jobs';
import { globalPlugin } from './global-plugin';

export interface QueuePluginOptions {
  redisUrl: string;
  prefix: string;
  /** A connection owned by the caller (not closed here); otherwise a producer connection is made. */
  redis?: Redis;
}

/**
 * The Redis connection and both report queues (the API adds plan jobs to `reports`; Bull Board
 * shows `report-chunks` too). Both queues share the one producer connection: it has no offline
 * queue, so while Redis is down commands fail at once instead of piling up, and `redisReady()`
 * lets a route answer 503 before even trying.
 */
export const queuePlugin = globalPlugin<QueuePluginOptions>('queue', async (app, opts) => {
  const redis = opts.redis ?? createRedisConnection(opts.redisUrl, 'producer');
  const onError = redisErrorLogger(app.log, redis);
  redis.on('error', onError);
  const reportQueue = openReportQueue(redis, opts.prefix, onError);
  const chunkQueue = new Queue(CHUNK_QUEUE, { connection: redis, prefix: opts.prefix });
  chunkQueue.on('error', onError);

  app.decorate('redis', redis);
  app.decorate('reportQueue', reportQueue);
  app.decorate('chunkQueue', chunkQueue);
  app.decorate('redisReady', () => redis.status === 'ready');
  await firstConnection(redis, FIRST_CONNECTION_WAIT_MS);

  app.addHook('onClose', async () => {
    // The queues share the connection, so closing them leaves it open; it is ended below.
    await Promise.all([reportQueue.close(), chunkQueue.close()]);
    // disconnect, not quit: quit would wait for (or fail against) a Redis that is down.
    if (opts.redis === undefined) redis.disconnect();
  });
});

/** How long startup waits for Redis before serving anyway (503 on report routes until it is up). */
const FIRST_CONNECTION_WAIT_MS = 3000;

/**
 * Resolves when the connection is first ready, or fails to connect, or after `ms`: so a normal
 * start serves its first request with Redis connected, and a start without Redis is not held up.
 */
function firstConnection(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      redis.off('ready', done).off('error', done).off('end', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done).once('error', done).once('end', done);
  });
}

/**
 * One listener for the connection and both queues. While Redis is unreachable ioredis retries
 * every few seconds and every attempt is an error event (three times over, through the queues):
 * the outage is logged once when it starts and once when it ends. Errors while connected are
 * real problems and are always logged.
 */
function redisErrorLogger(log: FastifyBaseLogger, redis: Redis): (error: Error) => void {
  let down = false;
  redis.on('ready', () => {
    if (down) log.info('Redis is reachable again');
    down = false;
  });
  return (error) => {
    if (redis.status === 'ready') {
      log.error({ err: error }, 'Redis or queue error');
    } else if (!down) {
      down = true;
      log.warn({ err: error }, 'Redis is unreachable; report requests answer 503 until it is back');
    }
  };
}
