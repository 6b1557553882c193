import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from '@store-monitor/db';
import { DEFAULT_QUEUE_PREFIX } from '@store-monitor/jobs';
import { ConfigError, ENVIRONMENT_VARIABLES, loadConfig } from '../src/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('worker configuration', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: DEFAULT_DATABASE_URL,
      redisUrl: 'redis://127.0.0.1:6379',
      reportsDir: resolve('reports'),
      chunkStores: 2000,
      concurrency: 2,
      queuePrefix: DEFAULT_QUEUE_PREFIX,
      staleSweepMs: 30_000,
      staleReportMs: 600_000,
      drainMs: 30_000,
    });
  });

  it('lists the variables it reads', () => {
    expect(ENVIRONMENT_VARIABLES).toEqual(['DATABASE_URL', 'REDIS_URL', 'REPORTS_DIR', 'REPORT_CHUNK_STORES', 'WORKER_CONCURRENCY', 'STALE_SWEEP_SECONDS', 'STALE_REPORT_SECONDS', 'WORKER_DRAIN_SECONDS', 'QUEUE_PREFIX']);
  });

  it('reads every setting, and takes an empty one as unset', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5433/reports',
      REDIS_URL: 'rediss://cache:6380',
      REPORTS_DIR: '/var/reports',
      REPORT_CHUNK_STORES: ' 500 ',
      WORKER_CONCURRENCY: '',
      QUEUE_PREFIX: 'test-1',
      STALE_SWEEP_SECONDS: '5',
      STALE_REPORT_SECONDS: '120',
      WORKER_DRAIN_SECONDS: '5',
    });
    expect(config).toEqual({
      databaseUrl: 'postgres://u:p@db:5433/reports',
      redisUrl: 'rediss://cache:6380',
      reportsDir: '/var/reports',
      chunkStores: 500,
      concurrency: 2,
      queuePrefix: 'test-1',
      staleSweepMs: 5_000,
      staleReportMs: 120_000,
      drainMs: 5_000,
    });
  });

  it('names every bad value on a line of its own, without echoing a password', () => {
    expect(
      problems({
        DATABASE_URL: 'postgresql://admin:s3cret@db:5432',
        REDIS_URL: 'http://cache:6379',
        REPORT_CHUNK_STORES: '0',
        WORKER_CONCURRENCY: '2.5',
        STALE_SWEEP_SECONDS: '0',
        WORKER_DRAIN_SECONDS: '1.5',
        QUEUE_PREFIX: 'two words',
      }),
    ).toEqual([
      'DATABASE_URL names no database: "postgresql://admin:***@db:5432"',
      'REDIS_URL must start with redis://, got "http://"',
      'REPORT_CHUNK_STORES must be a positive integer, got "0"',
      'WORKER_CONCURRENCY must be a positive integer, got "2.5"',
      'STALE_SWEEP_SECONDS must be a positive integer, got "0"',
      'WORKER_DRAIN_SECONDS must be a positive integer, got "1.5"',
      'QUEUE_PREFIX must not contain whitespace',
    ]);
    expect(problems({ DATABASE_URL: 'not a url s3cret', WORKER_CONCURRENCY: '-1' })).toEqual([
      'DATABASE_URL is not a URL (expected postgresql://host:port/database)',
      'WORKER_CONCURRENCY must be a positive integer, got "-1"',
    ]);
  });
});
