import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import IORedis from 'ioredis';
import { migrateDatabase } from '@store-monitor/db';
import { testDatabaseUrl } from '../../../../packages/db/test/test-database';
import { buildApp, type AppDeps } from '../../src/app';
import type { Config } from '../../src/config';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
/** Nothing listens on port 1: a Redis (or PostgreSQL) that is down. */
export const CLOSED_PORT_REDIS_URL = 'redis://127.0.0.1:1';
export const BOARD_USER = 'operator';
export const BOARD_PASSWORD = 'correct horse battery staple';

/**
 * One test file's world: its own migrated database, its own queue prefix in the shared Redis and
 * its own reports directory, all removed by tearDown(); apps made by app() are closed there too.
 */
export class TestEnvironment {
  readonly database = testDatabaseUrl();
  readonly prefix = `sm-api-test-${randomUUID().slice(0, 8)}`;
  readonly reportsDir = mkdtempSync(join(tmpdir(), 'store-monitor-api-reports-'));
  private readonly apps: FastifyInstance[] = [];

  async setUp(): Promise<void> {
    await migrateDatabase(this.database.url);
  }

  config(overrides: Partial<Config> = {}): Config {
    return {
      databaseUrl: this.database.url,
      redisUrl: REDIS_URL,
      reportsDir: this.reportsDir,
      port: 0,
      host: '127.0.0.1',
      queuePrefix: this.prefix,
      boardUser: BOARD_USER,
      boardPassword: BOARD_PASSWORD,
      boardReadOnly: true,
      bodyLimitBytes: 1024 * 1024,
      logLevel: 'silent',
      logFormat: 'json',
      asOfMarginMs: 24 * 3600 * 1000,
      requestTimeoutMs: 300_000,
      bodyIdleTimeoutMs: 30_000,
      ...overrides,
    };
  }

  /** A built, ready app on this environment (with `overrides` to its config). */
  async app(overrides: Partial<Config> = {}, deps: AppDeps = {}): Promise<FastifyInstance> {
    const app = await buildApp(this.config(overrides), deps);
    this.apps.push(app);
    await app.ready();
    return app;
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.apps.map((app) => app.close()));
    await deleteKeys(this.prefix);
    await this.database.drop();
    rmSync(this.reportsDir, { recursive: true, force: true });
  }
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

async function deleteKeys(prefix: string): Promise<void> {
  const keys = await keysOf(prefix);
  if (keys.length === 0) return;
  const redis = new IORedis(REDIS_URL);
  try {
    await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** An `Authorization` header value for basic auth. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
