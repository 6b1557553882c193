import type { FastifyInstance } from 'fastify';
import { CLOSED_PORT_REDIS_URL, keysOf, REDIS_URL, TcpProxy } from '@store-monitor/test-support';
import { useTestApp } from './support/test-env';

const { env, app } = useTestApp();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function trigger(target: FastifyInstance, payload?: unknown, headers: Record<string, string> = {}) {
  return target.inject({
    method: 'POST',
    url: '/trigger_report',
    payload: payload as string | object | undefined,
    headers,
  });
}

async function reportCount(): Promise<number> {
  return (await app.reports.page(0, 1)).total;
}

describe('POST /trigger_report', () => {
  it('creates a queued report and a plan job with its id (defaults: latest poll, nearest)', async () => {
    const res = await trigger(app);
    expect(res.statusCode).toBe(202);
    const { report_id: id } = res.json();
    expect(res.json()).toEqual({ report_id: id });
    expect(id).toMatch(UUID);

    expect(await app.reports.get(id)).toMatchObject({
      id,
      status: 'queued',
      asOf: null,
      policy: 'nearest',
      progress: 0,
    });
    const job = await app.queues.reports.getJob(id);
    expect(job?.name).toBe('plan');
    expect(job?.data).toEqual({ reportId: id, asOf: null, policy: 'nearest' });
    expect(await keysOf(env.prefix)).toContain(`${env.prefix}:reports:${id}`);
  });

  it('takes as_of (any offset, stored as the instant) and policy; the job gets it as ISO UTC', async () => {
    const res = await trigger(app, { as_of: '2024-01-10T07:00:00-05:00', policy: 'forward' });
    expect(res.statusCode).toBe(202);
    const id = res.json().report_id;
    const record = await app.reports.get(id);
    expect(record?.asOf?.toISOString()).toBe('2024-01-10T12:00:00.000Z');
    expect(record?.policy).toBe('forward');
    expect((await app.queues.reports.getJob(id))?.data).toEqual({
      reportId: id,
      asOf: '2024-01-10T12:00:00Z',
      policy: 'forward',
    });
  });

  it.each([
    ['2024-01-10 12:00:00 UTC', '2024-01-10T12:00:00Z'],
    ['2024-01-10 12:00:00.388884 UTC', '2024-01-10T12:00:00.388884Z'],
    ['2024-01-10 13:00:00+01', '2024-01-10T12:00:00Z'],
    ['2024-01-10t12:00:00z', '2024-01-10T12:00:00Z'],
  ])('takes the poll timestamp form %s, as the command does', async (asOf, iso) => {
    const res = await trigger(app, { as_of: asOf });
    expect(res.statusCode).toBe(202);
    const id = res.json().report_id;
    expect((await app.queues.reports.getJob(id))?.data).toEqual({ reportId: id, asOf: iso, policy: 'nearest' });
  });

  it('keeps the microseconds of as_of for the worker and in the record', async () => {
    const res = await trigger(app, { as_of: '2024-01-10T12:00:00.123456Z' });
    expect(res.statusCode).toBe(202);
    const id = res.json().report_id;
    expect((await app.inject({ url: `/reports/${id}` })).json().as_of).toBe('2024-01-10T12:00:00.123456Z');
    expect((await app.queues.reports.getJob(id))?.data).toMatchObject({ asOf: '2024-01-10T12:00:00.123456Z' });
  });

  it.each([
    ['2h', 7_200_000, '2h'],
    ['90m', 5_400_000, '1h30m'],
    ['1h30m', 5_400_000, '1h30m'],
    ['PT2H', 7_200_000, '2h'],
    ['PT1H30M', 5_400_000, '1h30m'],
    ['P1D', 86_400_000, '1d'],
    [' 45s ', 45_000, '45s'],
  ])('takes max_gap %j: the record keeps it, the job gets it in ms, the record shows it', async (text, ms, shown) => {
    const res = await trigger(app, { policy: 'forward', max_gap: text });
    expect(res.statusCode).toBe(202);
    const id = res.json().report_id;
    expect((await app.reports.get(id))?.maxGapMs).toBe(ms);
    expect((await app.queues.reports.getJob(id))?.data).toEqual({
      reportId: id,
      asOf: null,
      policy: 'forward',
      maxGapMs: ms,
    });
    expect((await app.inject({ url: `/reports/${id}` })).json().max_gap).toBe(shown);
  });

  it('leaves max_gap out of the record and the job when it is not sent', async () => {
    const id = (await trigger(app, { policy: 'nearest' })).json().report_id;
    expect((await app.reports.get(id))?.maxGapMs).toBeNull();
    expect(Object.keys((await app.queues.reports.getJob(id))?.data ?? {})).toEqual(['reportId', 'asOf', 'policy']);
    expect(Object.keys((await app.inject({ url: `/reports/${id}` })).json())).not.toContain('max_gap');
  });

  it('treats an empty JSON body as all defaults', async () => {
    const res = await trigger(app, '', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(202);
    expect((await app.reports.get(res.json().report_id))?.policy).toBe('nearest');
  });

  it.each<[unknown, string]>([
    [
      { as_of: 'yesterday' },
      `body/as_of must be an instant such as 2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC; got "yesterday"`,
    ],
    [
      { as_of: '2024-01-10T12:00:00' },
      `body/as_of must be an instant such as 2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC; got "2024-01-10T12:00:00"`,
    ],
    [
      { as_of: '2024-02-30T12:00:00Z' },
      `body/as_of must be an instant such as 2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC; got "2024-02-30T12:00:00Z"`,
    ],
    [
      { as_of: '2016-12-31T23:59:60Z' },
      `body/as_of must be an instant such as 2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC; got "2016-12-31T23:59:60Z"`,
    ],
    [
      { as_of: 1704888000000 },
      `body/as_of must be an instant such as 2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC; got "1704888000000"`,
    ],
    [
      { as_of: 'x'.repeat(150) },
      `body/as_of must be an instant such as 2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC; got "${'x'.repeat(99)}...`,
    ],
    [{ policy: 'latest' }, 'body/policy must be one of nearest, forward; got "latest"'],
    ...['2 hours', '0m', 'PT0S', '1.5h', '90', 'pt2h', 'P1M', '-2h', ''].map((gap): [unknown, string] => [
      { max_gap: gap },
      `body/max_gap must be a positive duration such as 90m, 2h, 1h30m or PT2H; got ${JSON.stringify(gap)}`,
    ]),
    [{ max_gap: 7200 }, 'body/max_gap must be a positive duration such as 90m, 2h, 1h30m or PT2H; got "7200"'],
    [{ polciy: 'forward' }, 'body/polciy is not a known field'],
    [['nearest'], 'body must be object'],
  ])('answers 400 naming the bad field for %j', async (body, message) => {
    const before = await reportCount();
    const res = await trigger(app, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message });
    expect(await reportCount()).toBe(before);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await trigger(app, '{"policy": ', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message: expect.stringContaining('JSON') });
  });

  it.each([
    ['application/xml', '<policy/>'],
    ['text/plain', '{"policy":"forward"}'],
    ['text/plain; charset=utf-8', ''],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('answers 415 naming the type it takes for a %s body, and creates nothing', async (type, body) => {
    const before = await reportCount();
    const res = await trigger(app, body, { 'content-type': type });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      error: 'Unsupported Media Type',
      message: `POST /trigger_report takes application/json; got ${type}`,
    });
    expect(await reportCount()).toBe(before);
  });

  it('answers 415 for a body without a Content-Type, saying none was given', async () => {
    const res = await app.inject({ method: 'POST', url: '/trigger_report', payload: '{}' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      error: 'Unsupported Media Type',
      message: 'POST /trigger_report takes application/json; got no Content-Type',
    });
  });

  it('takes JSON with a charset and in any case', async () => {
    const res = await trigger(app, '{"policy":"forward"}', { 'content-type': 'Application/JSON; charset=utf-8' });
    expect(res.statusCode).toBe(202);
  });

  it('answers 413 for a JSON body over the small limit', async () => {
    const res = await trigger(app, { policy: 'nearest', padding: 'x'.repeat(20_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: 'Payload Too Large',
      message: "the request body is over this route's limit of 16384 bytes",
    });
  });
});

describe('POST /trigger_report without Redis', () => {
  it('answers 503 at once when Redis cannot be reached, and leaves no report behind', async () => {
    const noRedis = await env.app({ redisUrl: CLOSED_PORT_REDIS_URL });
    const before = await reportCount();
    const started = performance.now();
    const res = await trigger(noRedis, { policy: 'forward' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      error: 'Service Unavailable',
      message: 'The report queue (Redis) is unavailable; try again shortly',
    });
    expect(await reportCount()).toBe(before);
  });

  it('answers 503 at once when Redis goes away while the API runs', async () => {
    const proxy = await redisProxy();
    try {
      const target = await env.app({ redisUrl: `redis://127.0.0.1:${proxy.port}` });
      expect((await trigger(target)).statusCode).toBe(202);
      proxy.cut();
      await waitFor(() => !target.redisReady());
      const before = await reportCount();
      const started = performance.now();
      const res = await trigger(target);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(res.statusCode).toBe(503);
      expect(await reportCount()).toBe(before);
    } finally {
      await proxy.stop();
    }
  });

  it('answers 503 within the enqueue timeout when Redis hangs, and removes the report it created', async () => {
    const proxy = await redisProxy();
    try {
      const target = await env.app({ redisUrl: `redis://127.0.0.1:${proxy.port}` });
      expect((await trigger(target)).statusCode).toBe(202);
      proxy.freeze();
      const before = await reportCount();
      const started = performance.now();
      const res = await trigger(target);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: 'Service Unavailable',
        message: 'The report queue (Redis) is unavailable; try again shortly',
      });
      expect(await reportCount()).toBe(before);
    } finally {
      await proxy.stop();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('POST /trigger_report with callback_url', () => {
  const hosts = [
    { hostname: 'hooks.example.com', port: null },
    { hostname: '127.0.0.1', port: 9000 },
    { hostname: '[::1]', port: 8443 },
  ];

  it.each([
    'https://hooks.example.com/store-monitor?team=ops',
    'http://hooks.example.com/x',
    'https://HOOKS.example.com:443/x',
    'http://127.0.0.1:9000/done',
    'http://[::1]:8443/',
  ])('keeps %s on the record; the plan job is as without it', async (url) => {
    const target = await env.app({ callbackAllowedHosts: hosts });
    const res = await trigger(target, { policy: 'forward', callback_url: url });
    expect(res.statusCode).toBe(202);
    const id = res.json().report_id;
    expect((await target.reports.get(id))?.callbackUrl).toBe(url);
    expect((await target.queues.reports.getJob(id))?.data).toEqual({ reportId: id, asOf: null, policy: 'forward' });
  });

  it.each([
    ['https://elsewhere.example/x', 'names elsewhere.example, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['https://hooks.example.com:8443/x', 'names hooks.example.com:8443, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['http://127.0.0.1/x', 'names 127.0.0.1, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['http://127.0.0.2:9000/x', 'names 127.0.0.2:9000, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['http://localhost:9000/x', 'names localhost:9000, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['ftp://hooks.example.com/x', 'must be an absolute http:// or https:// URL'],
    ['/relative/path', 'must be an absolute http:// or https:// URL'],
    ['https://user:pw@hooks.example.com/x', 'must not carry a user name or password'],
  ])('refuses %s with 400 and makes no report', async (url, problem) => {
    const target = await env.app({ callbackAllowedHosts: hosts });
    const before = await reportCount();
    const res = await trigger(target, { callback_url: url });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: `body/callback_url ${problem}; got ${JSON.stringify(url)}`,
    });
    expect(await reportCount()).toBe(before);
  });

  it('refuses every callback_url when CALLBACK_ALLOWED_HOSTS is not set', async () => {
    const res = await trigger(app, { callback_url: 'https://hooks.example.com/x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      'body/callback_url cannot be used: callbacks are off (CALLBACK_ALLOWED_HOSTS is not set); got "https://hooks.example.com/x"',
    );
  });

  it('refuses a callback_url over 2048 characters, naming the field', async () => {
    const target = await env.app({ callbackAllowedHosts: hosts });
    const res = await trigger(target, { callback_url: `https://hooks.example.com/${'x'.repeat(2048)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^body\/callback_url must NOT have more than 2048 characters/);
  });
});

describe('POST /trigger_report rate limit (TRIGGER_RATE_LIMIT)', () => {
  const limit = { max: 3, windowMs: 60_000 };

  it('answers 429 with Retry-After once a client is over the limit; other clients and other routes go on', async () => {
    const target = await env.app({ triggerRateLimit: limit });
    const from = (remoteAddress: string) =>
      target.inject({ method: 'POST', url: '/trigger_report', payload: {}, remoteAddress });
    for (let i = 0; i < 3; i++) {
      const res = await from('10.0.0.1');
      expect(res.statusCode).toBe(202);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const refused = await from('10.0.0.1');
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json()).toEqual({
      error: 'Too Many Requests',
      message: expect.stringMatching(
        /^too many requests to POST \/trigger_report from this client: at most 3 per minute; retry in \d+ seconds?$/,
      ),
    });

    expect((await from('10.0.0.2')).statusCode).toBe(202);
    const listing = await target.inject({ url: '/reports', remoteAddress: '10.0.0.1' });
    expect(listing.statusCode).toBe(200);
    expect(listing.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('counts a client across API instances sharing Redis', async () => {
    const one = await env.app({ triggerRateLimit: limit });
    const two = await env.app({ triggerRateLimit: limit });
    const from = (target: FastifyInstance) =>
      target.inject({ method: 'POST', url: '/trigger_report', payload: {}, remoteAddress: '10.0.0.3' });
    const codes = [];
    for (const target of [one, two, one, two]) codes.push((await from(target)).statusCode);
    expect(codes).toEqual([202, 202, 202, 429]);
  });

  it('does not limit when TRIGGER_RATE_LIMIT is off', async () => {
    const target = await env.app({ triggerRateLimit: null });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await trigger(target, {})).statusCode);
    expect(codes).toEqual([202, 202, 202, 202, 202]);
  });
});

/** A proxy in front of the shared Redis, which the test can cut or freeze. */
function redisProxy(): Promise<TcpProxy> {
  const upstream = new URL(REDIS_URL);
  return TcpProxy.start(upstream.hostname, Number(upstream.port || 6379));
}
