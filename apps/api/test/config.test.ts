import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from '@store-monitor/db';
import { DEFAULT_QUEUE_PREFIX } from '@store-monitor/jobs';
import { loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('fills in every default (JSON logs when standard output is not a terminal)', () => {
    expect(loadConfig({}, false)).toEqual({
      ok: true,
      config: {
        databaseUrl: DEFAULT_DATABASE_URL,
        redisUrl: 'redis://127.0.0.1:6379',
        reportsDir: resolve('./reports'),
        reportStore: { kind: 'folder' },
        port: 8080,
        host: '127.0.0.1',
        queuePrefix: DEFAULT_QUEUE_PREFIX,
        boardUser: 'admin',
        boardPassword: undefined,
        boardReadOnly: true,
        bodyLimitBytes: 50 * 1024 * 1024,
        uploadConcurrency: 2,
        logLevel: 'info',
        logFormat: 'json',
        asOfMarginMs: 24 * 3600 * 1000,
        requestTimeoutMs: 5 * 60 * 1000,
        bodyIdleTimeoutMs: 30 * 1000,
        callbackAllowedHosts: undefined,
        triggerRateLimit: { max: 30, windowMs: 60_000 },
      },
    });
  });

  it('reads every variable', () => {
    const result = loadConfig({
      DATABASE_URL: 'postgres://u:p@db.internal:5433/sm',
      REDIS_URL: 'rediss://:pw@cache:6380/2',
      REPORTS_DIR: '/var/lib/store-monitor/reports',
      PORT: '3000',
      HOST: '0.0.0.0',
      QUEUE_PREFIX: '{sm}',
      BULL_BOARD_USER: 'ops',
      BULL_BOARD_PASSWORD: 'sixteen chars ok',
      BULL_BOARD_READ_ONLY: 'false',
      BODY_LIMIT_BYTES: '1048576',
      UPLOAD_CONCURRENCY: '4',
      UPLOAD_TEMP_DIR: '/var/tmp/sm-uploads',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      AS_OF_MARGIN: '2h30m',
      REQUEST_TIMEOUT: '10m',
      BODY_IDLE_TIMEOUT: '45s',
      CALLBACK_ALLOWED_HOSTS: 'hooks.example.com,127.0.0.1:9000',
      TRIGGER_RATE_LIMIT: '5/10s',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        databaseUrl: 'postgres://u:p@db.internal:5433/sm',
        redisUrl: 'rediss://:pw@cache:6380/2',
        reportsDir: '/var/lib/store-monitor/reports',
        reportStore: { kind: 'folder' },
        port: 3000,
        host: '0.0.0.0',
        queuePrefix: '{sm}',
        boardUser: 'ops',
        boardPassword: 'sixteen chars ok',
        boardReadOnly: false,
        bodyLimitBytes: 1048576,
        uploadConcurrency: 4,
        uploadTempDir: '/var/tmp/sm-uploads',
        logLevel: 'debug',
        logFormat: 'pretty',
        asOfMarginMs: 2.5 * 3600 * 1000,
        requestTimeoutMs: 10 * 60 * 1000,
        bodyIdleTimeoutMs: 45 * 1000,
        callbackAllowedHosts: [
          { hostname: 'hooks.example.com', port: null },
          { hostname: '127.0.0.1', port: 9000 },
        ],
        triggerRateLimit: { max: 5, windowMs: 10_000 },
      },
    });
  });

  it('logs pretty lines on a terminal unless LOG_FORMAT says json', () => {
    expect(loadConfig({}, true)).toMatchObject({ ok: true, config: { logFormat: 'pretty' } });
    expect(loadConfig({ LOG_FORMAT: 'json' }, true)).toMatchObject({ ok: true, config: { logFormat: 'json' } });
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false)).toMatchObject({ ok: true, config: { logFormat: 'pretty' } });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '', BULL_BOARD_PASSWORD: '' })).toMatchObject({
      ok: true,
      config: { port: 8080, logLevel: 'info', boardPassword: undefined },
    });
  });

  it('says what is wrong with each bad value, one line each, naming the variable', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'mysql://root:hunter2@db/sm',
        REDIS_URL: 'http://cache:6379',
        PORT: '80a',
        QUEUE_PREFIX: 'my prefix',
        BULL_BOARD_USER: 'a:b',
        BODY_LIMIT_BYTES: '-5',
        LOG_LEVEL: 'loud',
        LOG_FORMAT: 'colour',
        AS_OF_MARGIN: '1.5h',
      }),
    ).toEqual({
      ok: false,
      errors: [
        'DATABASE_URL: must be a postgresql:// URL that names a database',
        'REDIS_URL: must be a redis:// or rediss:// URL with a host',
        'PORT: must be a whole number from 0 to 65535 (got "80a")',
        'QUEUE_PREFIX: may hold only letters, digits and _ . : { } -',
        'BULL_BOARD_USER: must be non-empty, without ":" or spaces',
        'BODY_LIMIT_BYTES: must be a whole number from 1024 to 1073741824 (got "-5")',
        'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
        'LOG_FORMAT: must be one of pretty, json',
        'AS_OF_MARGIN: must be a duration such as 45s, 90m, 36h, 1d or 2h30m (got "1.5h")',
      ],
    });
  });

  it.each([
    ['PORT', '65536'],
    ['DATABASE_URL', 'postgresql://127.0.0.1:5432/'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'redis://'],
    ['BODY_LIMIT_BYTES', '1e6'],
    ['UPLOAD_CONCURRENCY', '0'],
    ['UPLOAD_CONCURRENCY', '65'],
  ])('refuses %s=%s', (name, value) => {
    const result = loadConfig({ [name]: value });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.length === 1 && result.errors[0].startsWith(`${name}: `)).toBe(true);
  });

  it('refuses a board password under 16 characters, in one line that does not echo it', () => {
    expect(loadConfig({ BULL_BOARD_PASSWORD: 'fifteen chars!!' })).toEqual({
      ok: false,
      errors: ['BULL_BOARD_PASSWORD: must be at least 16 characters'],
    });
    expect(loadConfig({ BULL_BOARD_PASSWORD: 'sixteen chars!!!' })).toMatchObject({
      ok: true,
      config: { boardPassword: 'sixteen chars!!!' },
    });
  });

  it('wants REQUEST_TIMEOUT and BODY_IDLE_TIMEOUT as durations longer than zero', () => {
    expect(loadConfig({ REQUEST_TIMEOUT: '0s', BODY_IDLE_TIMEOUT: 'soon' })).toEqual({
      ok: false,
      errors: [
        'REQUEST_TIMEOUT: must be longer than 0s',
        'BODY_IDLE_TIMEOUT: must be a duration such as 45s, 90m, 36h, 1d or 2h30m (got "soon")',
      ],
    });
  });

  it('reads BULL_BOARD_READ_ONLY as true or false only', () => {
    expect(loadConfig({ BULL_BOARD_READ_ONLY: 'true' })).toMatchObject({ ok: true, config: { boardReadOnly: true } });
    expect(loadConfig({ BULL_BOARD_READ_ONLY: 'no' })).toEqual({
      ok: false,
      errors: ['BULL_BOARD_READ_ONLY: must be true or false'],
    });
  });

  it('wants a password when a board user is set', () => {
    expect(loadConfig({ BULL_BOARD_USER: 'ops' })).toEqual({
      ok: false,
      errors: ['BULL_BOARD_PASSWORD: is required when BULL_BOARD_USER is set'],
    });
  });

  it.each([
    ['30/min', { max: 30, windowMs: 60_000 }],
    ['1000/hour', { max: 1000, windowMs: 3_600_000 }],
    ['5/10s', { max: 5, windowMs: 10_000 }],
    [' 2/Second ', { max: 2, windowMs: 1000 }],
    ['off', null],
  ])('reads TRIGGER_RATE_LIMIT=%j', (text, limit) => {
    expect(loadConfig({ TRIGGER_RATE_LIMIT: text })).toMatchObject({ ok: true, config: { triggerRateLimit: limit } });
  });

  it.each(['30', '30/', '0/min', '30/fortnight', '-1/min', '30/0s', 'on'])('refuses TRIGGER_RATE_LIMIT=%j', (text) => {
    expect(loadConfig({ TRIGGER_RATE_LIMIT: text })).toEqual({
      ok: false,
      errors: [
        `TRIGGER_RATE_LIMIT: must be N/window such as 30/min, 5/10s or 1000/hour, or off (got ${JSON.stringify(text)})`,
      ],
    });
  });

  it('refuses a CALLBACK_ALLOWED_HOSTS entry that is not a host or host:port, naming it', () => {
    expect(loadConfig({ CALLBACK_ALLOWED_HOSTS: 'hooks.example.com, http://x.example/' })).toEqual({
      ok: false,
      errors: [
        'CALLBACK_ALLOWED_HOSTS: each entry must be a host or host:port, such as hooks.example.com or 10.0.0.5:8443 (got "http://x.example/")',
      ],
    });
  });
});
