import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config';
import { basicAuth, BOARD_PASSWORD, BOARD_USER, useTestApp } from './support/test-env';

const API_KEY = 'k3y-for-tests-0123456789abcdef';
const BEARER = { authorization: `Bearer ${API_KEY}` };
let open: FastifyInstance;

const { env, app } = useTestApp({ apiKey: API_KEY });

beforeAll(async () => {
  open = await env.app();
}, 120_000);

const UNKNOWN_ID = '6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f';
const POLLS_CSV = 'store_id,status,timestamp_utc\naccess-1,active,2023-01-22 12:00:00 UTC\n';
const SPECIAL_HOURS_CSV = 'store_id,date,start_time_local,end_time_local\naccess-1,2023-12-25,,\n';

/** Each protected route, with a request that succeeds (or fails for its own reasons) once authorised. */
const PROTECTED = [
  { method: 'POST', url: '/trigger_report', payload: '{}', type: 'application/json', authorised: 202 },
  { method: 'POST', url: '/polls', payload: POLLS_CSV, type: 'text/csv', authorised: 200 },
  { method: 'POST', url: '/special_hours', payload: SPECIAL_HOURS_CSV, type: 'text/csv', authorised: 200 },
  { method: 'GET', url: `/get_report?report_id=${UNKNOWN_ID}`, authorised: 404 },
  { method: 'GET', url: '/reports', authorised: 200 },
  { method: 'GET', url: `/reports/${UNKNOWN_ID}`, authorised: 404 },
  { method: 'GET', url: `/stores?report_id=${UNKNOWN_ID}`, authorised: 404 },
  { method: 'GET', url: '/stores/no-such-store/timeline', authorised: 404 },
  { method: 'GET', url: '/stores/no-such-store/timeline.svg', authorised: 404 },
] as const;

function call(target: FastifyInstance, route: (typeof PROTECTED)[number], headers: Record<string, string> = {}) {
  const type = 'type' in route ? { 'content-type': route.type } : {};
  const payload = 'payload' in route ? route.payload : undefined;
  return target.inject({ method: route.method, url: route.url, payload, headers: { ...type, ...headers } });
}

describe('API_KEY set: the report and polls routes need the bearer key', () => {
  it.each(PROTECTED.map((r) => [`${r.method} ${r.url.split('?')[0]}`, r] as const))(
    '%s answers 401 without the key',
    async (_name, route) => {
      const res = await call(app, route);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="store-monitor"');
      expect(res.json()).toEqual({
        error: 'Unauthorized',
        message: 'this endpoint needs the API key as "Authorization: Bearer <key>"',
      });
    },
  );

  it.each([
    ['a wrong key', `Bearer ${API_KEY.slice(0, -1)}x`],
    ['the key with a suffix', `Bearer ${API_KEY}x`],
    ['a prefix of the key', `Bearer ${API_KEY.slice(0, 16)}`],
    ['the key in lower/upper case', `Bearer ${API_KEY.toUpperCase()}`],
  ])('refuses %s with 401 invalid_token', async (_what, authorization) => {
    for (const route of PROTECTED) {
      const res = await call(app, route, { authorization });
      expect([route.url, res.statusCode]).toEqual([route.url, 401]);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="store-monitor", error="invalid_token"');
      expect(res.json()).toEqual({ error: 'Unauthorized', message: 'the API key is not valid' });
    }
  });

  it.each([
    ['another scheme', `Basic ${Buffer.from(`x:${API_KEY}`).toString('base64')}`],
    ['the bare key', API_KEY],
    ['Bearer without a key', 'Bearer '],
    ['the key after two words', `Bearer x ${API_KEY}`],
  ])('refuses %s with 401', async (_what, authorization) => {
    for (const route of PROTECTED) {
      const res = await call(app, route, { authorization });
      expect([route.url, res.statusCode]).toEqual([route.url, 401]);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="store-monitor"');
    }
  });

  it('serves every protected route with the key (any case of "Bearer")', async () => {
    for (const route of PROTECTED) {
      expect([route.url, (await call(app, route, BEARER)).statusCode]).toEqual([route.url, route.authorised]);
      expect([route.url, (await call(app, route, { authorization: `bearer ${API_KEY}` })).statusCode]).toEqual([
        route.url,
        route.authorised,
      ]);
    }
  });

  it('covers HEAD and trailing-slash forms of the protected routes too', async () => {
    for (const url of [`/get_report?report_id=${UNKNOWN_ID}`, '/reports', `/reports/${UNKNOWN_ID}`]) {
      expect([url, (await app.inject({ method: 'HEAD', url })).statusCode]).toEqual([url, 401]);
    }
    expect((await app.inject({ method: 'GET', url: '/reports/' })).statusCode).toBe(401);
  });

  it('refuses an unauthenticated upload before reading it, even an oversized one', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const res = await app.inject({
      method: 'POST',
      url: '/polls',
      payload: big,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('leaves health, readiness and the docs open', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('keeps the board behind its own basic auth: the API key does not open it', async () => {
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: BEARER })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    const board = { authorization: basicAuth(BOARD_USER, BOARD_PASSWORD) };
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: board })).statusCode).toBe(200);
    expect((await open.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    expect((await open.inject({ method: 'GET', url: '/admin/queues', headers: board })).statusCode).toBe(200);
  });

  it('documents the bearer scheme in OpenAPI, on the protected routes only', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const secured = Object.entries(
      doc.paths as Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>,
    )
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
      )
      .filter(([, op]) => op.security !== undefined);
    expect(secured.map(([name]) => name).sort()).toEqual([
      'GET /get_report',
      'GET /reports',
      'GET /reports/{id}',
      'GET /stores',
      'GET /stores/{id}/timeline',
      'GET /stores/{id}/timeline.svg',
      'POST /business_hours',
      'POST /polls',
      'POST /special_hours',
      'POST /timezones',
      'POST /trigger_report',
    ]);
    for (const [, op] of secured) {
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(op.responses['401']).toBeDefined();
    }
  });
});

describe('API_KEY unset: open', () => {
  it('serves the protected routes without a key', async () => {
    for (const route of PROTECTED)
      expect([route.url, (await call(open, route)).statusCode]).toEqual([route.url, route.authorised]);
  });
});

describe('API_KEY in the configuration', () => {
  it('is read when at least 16 printable characters', () => {
    expect(loadConfig({ API_KEY })).toMatchObject({ ok: true, config: { apiKey: API_KEY } });
    expect(loadConfig({ API_KEY: 'a'.repeat(16) })).toMatchObject({ ok: true, config: { apiKey: 'a'.repeat(16) } });
    expect(loadConfig({ API_KEY: '' })).toMatchObject({ ok: true, config: { apiKey: undefined } });
    expect(loadConfig({})).toMatchObject({ ok: true, config: { apiKey: undefined } });
  });

  it.each(['a'.repeat(15), 'has a space in it 0123', 'tab\there-0123456789', 'ünïcödé-0123456789'])(
    'refuses %j without echoing it',
    (key) => {
      const result = loadConfig({ API_KEY: key });
      expect(result).toEqual({
        ok: false,
        errors: ['API_KEY: must be at least 16 characters, printable ASCII without spaces'],
      });
    },
  );
});
