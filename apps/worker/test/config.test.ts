import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from '@store-monitor/db';
import { DEFAULT_QUEUE_PREFIX } from '@store-monitor/jobs';
import { ENVIRONMENT_VARIABLES, loadConfig as readConfig } from '../src/config';

/** The settings, as read off a terminal (LOG_FORMAT unset means json). */
function loadConfig(env: Record<string, string>) {
  const result = readConfig(env, false);
  if (!result.ok) throw new Error(`unexpected problems: ${result.errors.join('; ')}`);
  return result.config;
}

function problems(env: Record<string, string>): string[] {
  const result = readConfig(env, false);
  if (result.ok) throw new Error('expected problems');
  return result.errors;
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
      logLevel: 'info',
      logFormat: 'json',
    });
  });

  it('lists the variables it reads', () => {
    expect(ENVIRONMENT_VARIABLES).toEqual([
      'DATABASE_URL',
      'REDIS_URL',
      'REPORTS_DIR',
      'REPORT_CHUNK_STORES',
      'WORKER_CONCURRENCY',
      'STALE_SWEEP_SECONDS',
      'STALE_REPORT_SECONDS',
      'WORKER_DRAIN_SECONDS',
      'QUEUE_PREFIX',
      'LOG_LEVEL',
      'LOG_FORMAT',
    ]);
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
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'pretty',
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
      logLevel: 'warn',
      logFormat: 'pretty',
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
      'DATABASE_URL: must be a postgresql:// URL that names a database',
      'REDIS_URL: must be a redis:// or rediss:// URL with a host',
      'REPORT_CHUNK_STORES: must be a whole number from 1 to 1000000 (got "0")',
      'WORKER_CONCURRENCY: must be a whole number from 1 to 64 (got "2.5")',
      'STALE_SWEEP_SECONDS: must be a whole number from 1 to 86400 (got "0")',
      'WORKER_DRAIN_SECONDS: must be a whole number from 1 to 3600 (got "1.5")',
      'QUEUE_PREFIX: may hold only letters, digits and _ . : { } -',
    ]);
    expect(problems({ DATABASE_URL: 'not a url s3cret', WORKER_CONCURRENCY: '-1' })).toEqual([
      'DATABASE_URL: must be a postgresql:// URL that names a database',
      'WORKER_CONCURRENCY: must be a whole number from 1 to 64 (got "-1")',
    ]);
  });
});
