import IORedis, { type Redis } from 'ioredis';

/**
 * `worker`: blocking commands must wait out a Redis restart, so requests retry forever
 * (BullMQ requires maxRetriesPerRequest: null). `producer`: an HTTP request must fail at once
 * when Redis is down instead of queueing in memory, so the offline queue is off.
 */
export type ConnectionRole = 'worker' | 'producer';

export function createRedisConnection(url: string, role: ConnectionRole): Redis {
  const options =
    role === 'worker'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  return new IORedis(url, { ...options, lazyConnect: false });
}
