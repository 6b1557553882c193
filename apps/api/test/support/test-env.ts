import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { migrateDatabase } from '@store-monitor/db';
import { deleteKeys, REDIS_URL, testDatabaseUrl, uniquePrefix } from '@store-monitor/test-support';
import { buildApp, type AppDeps } from '../../src/app';
import type { Config } from '../../src/config';

export const BOARD_USER = 'operator';
export const BOARD_PASSWORD = 'correct horse battery staple';

/**
 * One test file's world: its own migrated database, its own queue prefix in the shared Redis and
 * its own reports directory, all removed by tearDown(); apps made by app() are closed there too.
 */
export class TestEnvironment {
  readonly database = testDatabaseUrl();
  readonly prefix = uniquePrefix('sm-api-test');
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

/** An `Authorization` header value for basic auth. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A TestEnvironment for this test file: set up before its tests, torn down after them. */
export function useTestEnvironment(): TestEnvironment {
  const env = new TestEnvironment();
  beforeAll(() => env.setUp(), 120_000);
  afterAll(() => env.tearDown());
  return env;
}

/**
 * useTestEnvironment() with one app built on it (`overrides` to its config). The app is handed
 * out before it exists, so the tests keep writing `app.inject(...)`: every use is forwarded to the
 * app beforeAll built.
 */
export function useTestApp(
  overrides: Partial<Config> = {},
  deps: AppDeps = {},
): { env: TestEnvironment; app: FastifyInstance } {
  const env = useTestEnvironment();
  let built: FastifyInstance | undefined;
  beforeAll(async () => {
    built = await env.app(overrides, deps);
  }, 120_000);
  return { env, app: appBuiltLater(() => built) };
}

/**
 * An app to hand out before beforeAll builds it: every use is forwarded to the app `built()` gives
 * by then, so tests keep writing `app.inject(...)`.
 */
export function appBuiltLater(built: () => FastifyInstance | undefined): FastifyInstance {
  return new Proxy({} as FastifyInstance, {
    get(_target, key) {
      const app = built();
      if (!app) throw new Error('the test app is used before beforeAll built it');
      const value = Reflect.get(app, key, app);
      return typeof value === 'function' ? value.bind(app) : value;
    },
  });
}
