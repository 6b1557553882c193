import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '@store-monitor/db';
import { DEFAULT_QUEUE_PREFIX, integer, readEnvironment, serviceConfig, serviceVariables } from '../src';

const schema = z.object({ ...serviceVariables, EXTRA: integer(1, 9).optional() });
const read = (env: NodeJS.ProcessEnv, tty = false) =>
  readEnvironment(schema, env, (values) => serviceConfig(values, tty));

describe('the shared environment', () => {
  it('has a default for every shared setting, the log format following the terminal', () => {
    const expected = {
      databaseUrl: DEFAULT_DATABASE_URL,
      redisUrl: 'redis://127.0.0.1:6379',
      reportsDir: resolve('reports'),
      queuePrefix: DEFAULT_QUEUE_PREFIX,
      logLevel: 'info',
      logFormat: 'json',
    };
    expect(read({})).toEqual({ ok: true, config: expected });
    expect(read({ REDIS_URL: ' ', LOG_FORMAT: '' }, true)).toEqual({
      ok: true,
      config: { ...expected, logFormat: 'pretty' },
    });
  });

  it('holds every service to the same rules, one line per bad value, echoing no URL', () => {
    expect(
      read({
        DATABASE_URL: 'postgresql://u:s3cret@db:5432',
        REDIS_URL: 'http://cache',
        QUEUE_PREFIX: 'a/b',
        EXTRA: '10',
      }),
    ).toEqual({
      ok: false,
      errors: [
        'DATABASE_URL: must be a postgresql:// URL that names a database',
        'REDIS_URL: must be a redis:// or rediss:// URL with a host',
        'QUEUE_PREFIX: may hold only letters, digits and _ . : { } -',
        'EXTRA: must be a whole number from 1 to 9 (got "10")',
      ],
    });
  });
});
