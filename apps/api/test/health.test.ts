import { CLOSED_PORT_REDIS_URL } from '@store-monitor/test-support';
import { useTestApp } from './support/test-env';

const CLOSED_PORT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/nothing';

const { env, app } = useTestApp();

describe('GET /healthz', () => {
  it('answers while dependencies are down too', async () => {
    const down = await env.app({ redisUrl: CLOSED_PORT_REDIS_URL, databaseUrl: CLOSED_PORT_DATABASE_URL });
    for (const target of [app, down]) {
      const res = await target.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    }
  });
});

describe('GET /readyz', () => {
  it('is ready when PostgreSQL and Redis both answer', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', postgres: 'up', redis: 'up' });
  });

  it('names Redis when Redis is down', async () => {
    const noRedis = await env.app({ redisUrl: CLOSED_PORT_REDIS_URL });
    const res = await noRedis.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', postgres: 'up', redis: 'down' });
  });

  it('names PostgreSQL when PostgreSQL is down', async () => {
    const noDatabase = await env.app({ databaseUrl: CLOSED_PORT_DATABASE_URL });
    const res = await noDatabase.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not ready', postgres: 'down', redis: 'up' });
  });
});

describe('routes that need PostgreSQL while it is down', () => {
  it.each([
    ['GET', '/reports', undefined],
    ['GET', '/reports/6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f', undefined],
    ['GET', '/get_report?report_id=6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f', undefined],
    ['POST', '/trigger_report', undefined],
    ['POST', '/polls', 'store_id,status,timestamp_utc\ns,active,2024-01-01 00:00:00 UTC\n'],
  ] as const)('%s %s answers 503', async (method, url, csv) => {
    const noDatabase = await env.app({ databaseUrl: CLOSED_PORT_DATABASE_URL });
    const headers = csv === undefined ? {} : { 'content-type': 'text/csv' };
    const res = await noDatabase.inject({ method, url, payload: csv, headers });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: 'Service Unavailable',
      message: 'PostgreSQL is unavailable; try again shortly',
    });
  });
});
