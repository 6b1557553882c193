import IORedis from 'ioredis';

/** Removes every Redis key under a benchmark's queue prefix, so runs leave nothing behind. */
export async function removeQueueKeys(prefix: string): Promise<void> {
  const redis = new IORedis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
