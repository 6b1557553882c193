import { spawnSync } from 'node:child_process';
import { CLOSED_PORT_REDIS_URL } from '@store-monitor/test-support';
import { MAIN } from './support/server-process';
import { basicAuth, BOARD_PASSWORD, BOARD_USER, useTestApp } from './support/test-env';

const AUTH = { authorization: basicAuth(BOARD_USER, BOARD_PASSWORD) };

const { env, app } = useTestApp();

function get(url: string, headers: Record<string, string> = {}, target = app) {
  return target.inject({ method: 'GET', url, headers });
}

function expectUnauthorized(res: Awaited<ReturnType<typeof get>>): void {
  expect(res.statusCode).toBe(401);
  expect(res.headers['www-authenticate']).toBe('Basic realm="Bull Board", charset="UTF-8"');
  expect(res.json()).toEqual({ error: 'Unauthorized', message: 'Bull Board needs a user name and password' });
}

describe('Bull Board at /admin/queues', () => {
  it.each([
    ['no credentials', {}],
    ['a wrong password', { authorization: basicAuth(BOARD_USER, 'guess') }],
    ['a wrong user', { authorization: basicAuth('admin', BOARD_PASSWORD) }],
    ['the password with a suffix', { authorization: basicAuth(BOARD_USER, `${BOARD_PASSWORD}x`) }],
    ['no colon', { authorization: `Basic ${Buffer.from(BOARD_USER).toString('base64')}` }],
    ['another scheme', { authorization: `Bearer ${BOARD_PASSWORD}` }],
  ])('refuses %s with 401', async (_what, headers) => {
    expectUnauthorized(await get('/admin/queues', headers));
    expectUnauthorized(await get('/admin/queues/api/queues', headers));
  });

  it('serves the page, and the assets it references, with credentials only', async () => {
    const page = await get('/admin/queues', AUTH);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // The base path is the prefix: every relative asset link resolves under /admin/queues/.
    expect(page.body).toContain('<base href="/admin/queues/" />');
    const assets = [...page.body.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => /^static\/js\/main\.[0-9a-f]+\.js$/.test(a))).toBe(true);
    for (const asset of assets) {
      const withAuth = await get(`/admin/queues/${asset}`, AUTH);
      expect([asset, withAuth.statusCode]).toEqual([asset, 200]);
      expectUnauthorized(await get(`/admin/queues/${asset}`));
    }
    expect((await get('/admin/queues/', AUTH)).statusCode).toBe(200);
    expect((await get('/admin/queues/queue/reports', AUTH)).statusCode).toBe(200);
  });

  it('shows both queues, read under the configured prefix', async () => {
    await app.inject({ method: 'POST', url: '/trigger_report' });
    const res = await get('/admin/queues/api/queues', AUTH);
    expect(res.statusCode).toBe(200);
    const queues: Array<{ name: string; counts: Record<string, number> }> = res.json().queues;
    expect(queues.map((q) => q.name).sort()).toEqual(['report-callbacks', 'report-chunks', 'reports']);
    // The one job of this test file's prefix is there: the board reads the configured prefix.
    expect(queues.find((q) => q.name === 'reports')?.counts.waiting).toBe(1);
  });

  it('keeps paths beside the board closed too', async () => {
    expectUnauthorized(await get('/admin/queues/static/../api/queues'));
    expectUnauthorized(await get('/admin/queues/static/no-such-file.js'));
    expectUnauthorized(await get('/admin/queues/queue/reports/some-job'));
    expectUnauthorized(await get('/admin/queues/no-such-page'));
    const missing = await get('/admin/queues/no-such-page', AUTH);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'Not Found', message: 'no route for GET /admin/queues/no-such-page' });
  });

  it('answers its API with 503 at once when Redis is down', async () => {
    const noRedis = await env.app({ redisUrl: CLOSED_PORT_REDIS_URL });
    const started = performance.now();
    const res = await get('/admin/queues/api/queues', AUTH, noRedis);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ error: 'Service Unavailable', message: 'Redis is unavailable; try again shortly' });
    expectUnauthorized(await get('/admin/queues/api/queues', {}, noRedis));
  });
});

describe('Bull Board without a configured password', () => {
  it('makes one at start, prints it once, and takes it (user admin)', async () => {
    const lines: string[] = [];
    const generated = await env.app(
      { boardUser: 'admin', boardPassword: undefined, logLevel: 'info' },
      { logStream: { write: (line) => lines.push(line) } },
    );
    const announcements = lines.filter((line) => line.includes('BULL_BOARD_PASSWORD is not set'));
    expect(announcements).toHaveLength(1);
    const password = /with password (\S+?)"/.exec(announcements[0])?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    expectUnauthorized(await get('/admin/queues', {}, generated));
    const authorization = basicAuth('admin', password);
    expect((await get('/admin/queues', { authorization }, generated)).statusCode).toBe(200);
    // Requests were logged, but neither the password nor the header that carries it.
    expect(lines.filter((line) => line.includes(password))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(authorization.slice('Basic '.length));
    expect(lines.some((line) => line.includes('/admin/queues'))).toBe(true);
  });

  it('is a different password every start', async () => {
    const passwords = [];
    for (let i = 0; i < 2; i++) {
      const lines: string[] = [];
      await env.app(
        { boardPassword: undefined, logLevel: 'warn' },
        { logStream: { write: (line) => lines.push(line) } },
      );
      passwords.push(/with password (\S+?)"/.exec(lines.join(''))?.[1]);
    }
    expect(passwords[0]).toBeDefined();
    expect(passwords[0]).not.toBe(passwords[1]);
  });
});

describe('Bull Board actions', () => {
  const READ_ONLY = {
    error: 'Forbidden',
    message: 'Bull Board is read-only; set BULL_BOARD_READ_ONLY=false to allow actions on the queues',
  };
  const ACTIONS: Array<[string, string, object | undefined]> = [
    ['PUT', '/admin/queues/api/queues/reports/pause', undefined],
    ['PUT', '/admin/queues/api/queues/pause', undefined],
    ['PUT', '/admin/queues/api/queues/report-chunks/empty', undefined],
    ['PUT', '/admin/queues/api/queues/reports/obliterate', {}],
    ['POST', '/admin/queues/api/queues/reports/add', { name: 'plan', data: {} }],
    ['PATCH', '/admin/queues/api/queues/reports/some-job/update-data', { data: {} }],
    ['DELETE', '/admin/queues/api/queues/reports/some-job', undefined],
  ];

  it.each(ACTIONS)('refuses %s %s by default (read-only) with 403, changing nothing', async (method, url, payload) => {
    const res = await app.inject({ method: method as 'PUT', url, headers: AUTH, payload });
    expect([res.statusCode, res.json()]).toEqual([403, READ_ONLY]);
    expect(await app.queues.reports.isPaused()).toBe(false);
    // The credentials are still asked first.
    expectUnauthorized(await app.inject({ method: method as 'PUT', url, payload }));
  });

  it('tells the page the queues are read-only, so it offers no buttons', async () => {
    const queues: Array<{ name: string; readOnlyMode: boolean }> = (await get('/admin/queues/api/queues', AUTH)).json()
      .queues;
    expect(queues.map((q) => [q.name, q.readOnlyMode]).sort()).toEqual([
      ['report-callbacks', true],
      ['report-chunks', true],
      ['reports', true],
    ]);
  });

  it('allows them with BULL_BOARD_READ_ONLY=false', async () => {
    const writable = await env.app({ boardReadOnly: false });
    const pause = await writable.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/reports/pause',
      headers: AUTH,
    });
    expect([pause.statusCode, pause.json()]).toEqual([200, {}]);
    expect(await writable.queues.reports.isPaused()).toBe(true);
    const resume = await writable.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/reports/resume',
      headers: AUTH,
    });
    expect([resume.statusCode, resume.json()]).toEqual([200, {}]);
    expect(await writable.queues.reports.isPaused()).toBe(false);
  });
});

describe('a short BULL_BOARD_PASSWORD', () => {
  it('stops the API at start with one line (exit 2), without echoing it', () => {
    const child = spawnSync(process.execPath, [MAIN], {
      encoding: 'utf8',
      env: { ...process.env, BULL_BOARD_PASSWORD: 'hunter2-hunter2' },
    });
    expect([child.status, child.stderr]).toEqual([
      2,
      'store-monitor-api: BULL_BOARD_PASSWORD: must be at least 16 characters\n',
    ]);
  });
});
