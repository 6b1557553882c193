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

const DEFAULT_CALLBACKS = {
  secret: undefined,
  allowedHosts: undefined,
  timeoutMs: 10_000,
  attempts: 10,
  backoffMs: 5_000,
  publicUrl: undefined,
};

/** No metrics server unless METRICS_PORT is set. */
const DEFAULT_METRICS = { port: undefined, host: '127.0.0.1', token: undefined };

describe('worker configuration', () => {
  it('has a default for every setting', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: DEFAULT_DATABASE_URL,
      redisUrl: 'redis://127.0.0.1:6379',
      reportsDir: resolve('reports'),
      reportStore: { kind: 'folder' },
      chunkStores: 2000,
      concurrency: 2,
      queuePrefix: DEFAULT_QUEUE_PREFIX,
      staleSweepMs: 30_000,
      staleReportMs: 600_000,
      drainMs: 30_000,
      logLevel: 'info',
      logFormat: 'json',
      callbacks: DEFAULT_CALLBACKS,
      metrics: DEFAULT_METRICS,
      retention: { pollsDays: undefined, reportsDays: undefined },
    });
  });

  it('reads the retention settings, and names each bad one', () => {
    expect(loadConfig({ POLLS_RETENTION_DAYS: '90', REPORTS_RETENTION_DAYS: ' 7 ' }).retention).toEqual({
      pollsDays: 90,
      reportsDays: 7,
    });
    expect(problems({ POLLS_RETENTION_DAYS: '0', REPORTS_RETENTION_DAYS: '1.5' })).toEqual([
      'POLLS_RETENTION_DAYS: must be a whole number from 1 to 36500 (got "0")',
      'REPORTS_RETENTION_DAYS: must be a whole number from 1 to 36500 (got "1.5")',
    ]);
  });

  it('lists the variables it reads', () => {
    expect(ENVIRONMENT_VARIABLES).toEqual([
      'DATABASE_URL',
      'REDIS_URL',
      'REDIS_CLUSTER_NODES',
      'REDIS_SENTINELS',
      'REDIS_SENTINEL_NAME',
      'REDIS_USERNAME',
      'REDIS_PASSWORD',
      'REPORTS_DIR',
      'REPORT_STORE',
      'S3_BUCKET',
      'S3_ENDPOINT',
      'S3_PREFIX',
      'S3_REGION',
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'REPORT_CHUNK_STORES',
      'WORKER_CONCURRENCY',
      'STALE_SWEEP_SECONDS',
      'STALE_REPORT_SECONDS',
      'WORKER_DRAIN_SECONDS',
      'QUEUE_PREFIX',
      'LOG_LEVEL',
      'LOG_FORMAT',
      'CALLBACK_SECRET',
      'CALLBACK_ALLOWED_HOSTS',
      'CALLBACK_TIMEOUT',
      'CALLBACK_ATTEMPTS',
      'CALLBACK_BACKOFF',
      'PUBLIC_URL',
      'METRICS_PORT',
      'METRICS_HOST',
      'METRICS_TOKEN',
      'POLLS_RETENTION_DAYS',
      'REPORTS_RETENTION_DAYS',
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
      reportStore: { kind: 'folder' },
      chunkStores: 500,
      concurrency: 2,
      queuePrefix: 'test-1',
      staleSweepMs: 5_000,
      staleReportMs: 120_000,
      drainMs: 5_000,
      logLevel: 'warn',
      logFormat: 'pretty',
      callbacks: DEFAULT_CALLBACKS,
      metrics: DEFAULT_METRICS,
      retention: { pollsDays: undefined, reportsDays: undefined },
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

  it('reads the callback settings: the allowed hosts as host and port, the URL without its trailing slash', () => {
    expect(
      loadConfig({
        CALLBACK_SECRET: 'sixteen chars ok',
        CALLBACK_ALLOWED_HOSTS: 'Hooks.Example.com, 127.0.0.1:9000,[::1]:8443,',
        CALLBACK_TIMEOUT: '3s',
        CALLBACK_ATTEMPTS: '4',
        CALLBACK_BACKOFF: '1s',
        PUBLIC_URL: 'https://reports.example.com/',
      }).callbacks,
    ).toEqual({
      secret: 'sixteen chars ok',
      allowedHosts: [
        { hostname: 'hooks.example.com', port: null },
        { hostname: '127.0.0.1', port: 9000 },
        { hostname: '[::1]', port: 8443 },
      ],
      timeoutMs: 3_000,
      attempts: 4,
      backoffMs: 1_000,
      publicUrl: 'https://reports.example.com',
    });
  });

  it('names each bad callback setting, without echoing the secret', () => {
    expect(
      problems({
        CALLBACK_SECRET: 'short s3cret',
        CALLBACK_ALLOWED_HOSTS: 'hooks.example.com,https://evil.example/x',
        CALLBACK_TIMEOUT: '0s',
        CALLBACK_ATTEMPTS: '0',
        PUBLIC_URL: 'reports.example.com',
      }),
    ).toEqual([
      'CALLBACK_SECRET: must be at least 16 characters',
      'CALLBACK_ALLOWED_HOSTS: each entry must be a host or host:port, such as hooks.example.com or 10.0.0.5:8443 (got "https://evil.example/x")',
      'CALLBACK_TIMEOUT: must be longer than 0s',
      'CALLBACK_ATTEMPTS: must be a whole number from 1 to 100 (got "0")',
      'PUBLIC_URL: must be an http:// or https:// URL without a query, such as https://reports.example.com',
    ]);
    expect(problems({ CALLBACK_ALLOWED_HOSTS: 'hooks.example.com' })).toEqual([
      'CALLBACK_SECRET: is required when CALLBACK_ALLOWED_HOSTS is set: callbacks are signed with it',
    ]);
    expect(problems({ CALLBACK_ALLOWED_HOSTS: ' , ', CALLBACK_SECRET: 'sixteen chars ok' })).toEqual([
      'CALLBACK_ALLOWED_HOSTS: must list at least one host (a host or host:port, such as hooks.example.com or 10.0.0.5:8443)',
    ]);
  });
});
