import { createRedisConnection, openReportQueues, type RedisClient } from '@store-monitor/jobs';
import type { RedisTopology } from '@store-monitor/service';
import { globalPlugin } from './global-plugin';

export interface QueuePluginOptions {
  redisUrl: string;
  /** A cluster or Sentinels in place of redisUrl's server. */
  redisTopology?: RedisTopology;
  prefix: string;
  /** A connection owned by the caller (not closed here); otherwise a producer connection is made. */
  redis?: RedisClient;
}

/**
 * The Redis connection and the report queues (the API adds plan jobs to `reports`; Bull Board
 * shows `chunks` too), opened by jobs' openReportQueues with its outage logger. They share the one
 * producer connection: it has no offline queue, so while Redis is down commands fail at once
 * instead of piling up, and `redisReady()` lets a route answer 503 before even trying.
 */
export const queuePlugin = globalPlugin<QueuePluginOptions>('queue', async (app, opts) => {
  const redis = opts.redis ?? createRedisConnection(opts, 'producer');
  const whileDown = 'report requests answer 503';
  const queues = openReportQueues({ connection: redis, prefix: opts.prefix, log: app.log, whileDown });

  app.decorate<RedisClient, 'redis'>('redis', redis);
  app.decorate('queues', queues);
  app.decorate('redisReady', () => redis.status === 'ready');
  await firstConnection(redis, FIRST_CONNECTION_WAIT_MS);

  app.addHook('onClose', async () => {
    // The queues share the connection, so closing them leaves it open; it is ended below.
    await queues.close();
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
function firstConnection(redis: RedisClient, ms: number): Promise<void> {
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
