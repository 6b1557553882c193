import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** Nothing listens on port 1: a Redis (or PostgreSQL) that is down. */
export const CLOSED_PORT_REDIS_URL = 'redis://127.0.0.1:1';

/** A queue prefix no other test run shares, so test files can use one Redis side by side. */
export function uniquePrefix(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** Every Redis key under `<prefix>:`. */
export async function keysOf(prefix: string): Promise<string[]> {
  const redis = new IORedis(REDIS_URL);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    redis.disconnect();
  }
}

/** Deletes every Redis key under `<prefix>:`, as a flush of that test's queues would. */
export async function deleteKeys(prefix: string): Promise<void> {
  const keys = await keysOf(prefix);
  if (keys.length === 0) return;
  const redis = new IORedis(REDIS_URL);
  try {
    await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
