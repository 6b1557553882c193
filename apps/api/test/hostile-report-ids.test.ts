import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { rawGet as rawGetOn } from './support/raw-get';
import { TestEnvironment } from './support/test-env';

const env = new TestEnvironment();
let app: FastifyInstance;
let port: number;

/**
 * Canaries outside REPORTS_DIR that a traversal could reach: beside it (its parent is the OS temp
 * dir) and in a directory of their own. Named like report files, so `<id>.csv` could hit them.
 */
const CANARY_TEXT = 'CANARY-must-never-be-served';
const canaryDir = mkdtempSync(join(tmpdir(), 'store-monitor-canary-'));
const CANARY_ID = randomUUID();
const canaries = [
  join(canaryDir, 'canary.csv'),
  join(canaryDir, `${CANARY_ID}.csv`),
  join(env.reportsDir, '..', `${basename(canaryDir)}.csv`),
];

beforeAll(async () => {
  await env.setUp();
  app = await env.app();
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
  for (const path of canaries) writeFileSync(path, `${CANARY_TEXT}\n`);
  mkdirSync(join(env.reportsDir, 'sub'));
  writeFileSync(join(env.reportsDir, 'sub', 'x.csv'), `${CANARY_TEXT}\n`);
}, 120_000);
afterAll(async () => {
  rmSync(canaryDir, { recursive: true, force: true });
  rmSync(canaries[2], { force: true });
  await env.tearDown();
});

/** Everything under a directory with its size and modification time: what a request must not change. */
function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((name) => {
      const stats = statSync(join(dir, String(name)));
      return `${relative(dir, join(dir, String(name)))} ${stats.size} ${stats.mtimeMs}`;
    })
    .sort();
}

const rel = (path: string): string => relative(env.reportsDir, path);
const rel2 = relative(env.reportsDir, canaries[1]).replace(/\.csv$/, '');
const HOSTILE_IDS = [
  '../canary',
  `../${basename(canaryDir)}`,
  rel(canaries[0]),
  rel2,
  `${rel2}.csv`,
  canaries[0],
  canaries[1],
  `/etc/passwd`,
  '../../../../../../etc/passwd',
  '..\\..\\..\\etc\\passwd',
  '....//....//etc/passwd',
  'sub/x',
  './sub/x',
  `${CANARY_ID}/../../${rel2}`,
  `${CANARY_ID}.csv`,
  `${CANARY_ID}\u0000`,
  `${CANARY_ID}\u0000.csv`,
  `\u0000${CANARY_ID}`,
  `${CANARY_ID} `,
  ` ${CANARY_ID}`,
  `${CANARY_ID}\n`,
  `${CANARY_ID}\r\nX-Injected: 1`,
  `{${CANARY_ID}}`,
  `urn:uuid:${CANARY_ID}`,
  CANARY_ID.replace(/-/g, ''),
  "' OR '1'='1",
  '1; DROP TABLE reports; --',
  `${CANARY_ID}' OR 1=1 --`,
  "6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f'--",
  '\u0007\u0008\u001b[31m',
  // Look-alikes: fullwidth digits, Cyrillic а/е, a unicode hyphen, Arabic-Indic digits.
  '６f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f',
  '6f1c2\u0430 4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f'.replace(' ', ''),
  '6f1c2a4e\u20103b7d-4c1a-9e2f-0a1b2c3d4e5f',
  '\u0666f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f',
  '6F1C2A4E-3B7D-4C1A-9E2F-0A1B2C3D4E5\u0190',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '',
  'x'.repeat(64 * 1024),
];

function expectInvalid(res: { statusCode: number; json: () => unknown; body: string }, id: string): void {
  expect([JSON.stringify(id.slice(0, 80)), res.statusCode]).toEqual([JSON.stringify(id.slice(0, 80)), 400]);
  expect((res.json() as { error: string }).error).toBe('Invalid report_id');
  expect(res.body).not.toContain(CANARY_TEXT);
}

function expectUriTooLong(res: { statusCode: number; json: () => unknown; body: string }): void {
  expect(res.statusCode).toBe(414);
  expect(res.json()).toEqual({
    error: 'URI Too Long',
    message: 'a part of the URL path is longer than 16384 characters',
  });
}

describe('hostile report ids through inject (the id exactly as given)', () => {
  it('GET /get_report and GET /reports/:id answer 400 Invalid report_id to each, touching no file', async () => {
    const before = [snapshot(env.reportsDir), snapshot(canaryDir)];
    for (const id of HOSTILE_IDS) {
      for (const format of ['', '&format=csv', '&format=json']) {
        expectInvalid(
          await app.inject({ method: 'GET', url: `/get_report?report_id=${encodeURIComponent(id)}${format}` }),
          id,
        );
      }
      if (id === '') continue;
      const res = await app.inject({ method: 'GET', url: `/reports/${encodeURIComponent(id)}` });
      // Past the router's parameter limit (16 KiB) the server refuses the URL itself.
      if (encodeURIComponent(id).length > 16 * 1024) expectUriTooLong(res);
      else expectInvalid(res, id);
    }
    expect([snapshot(env.reportsDir), snapshot(canaryDir)]).toEqual(before);
  });

  it('a report_id given twice, or as an object, is refused the same way', async () => {
    for (const query of [
      `report_id=${CANARY_ID}&report_id=${CANARY_ID}`,
      `report_id[]=${CANARY_ID}`,
      `report_id[a]=${CANARY_ID}`,
    ]) {
      expectInvalid(await app.inject({ method: 'GET', url: `/get_report?${query}` }), query);
    }
  });

  it('megabytes of text in the id are refused with 400 and nothing else', async () => {
    const huge = `${CANARY_ID}${'%2e%2e%2f'.repeat(200_000)}`;
    expectInvalid(await app.inject({ method: 'GET', url: `/get_report?report_id=${huge}` }), huge);
    expectUriTooLong(await app.inject({ method: 'GET', url: `/reports/${'a'.repeat(2 * 1024 * 1024)}` }));
  });

  it('any random text is 400, or 404 when it happens to be a uuid no report has', async () => {
    const before = snapshot(env.reportsDir);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60, unit: 'binary' }),
          fc.uuid().map((u) => `${u}${'/'}`),
          fc.uuid(),
        ),
        async (id) => {
          const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
          for (const url of [`/get_report?report_id=${encodeURIComponent(id)}`, `/reports/${encodeURIComponent(id)}`]) {
            if (id === '' && url.startsWith('/reports/')) continue;
            const res = await app.inject({ method: 'GET', url });
            expect([url, res.statusCode]).toEqual([url, isUuid ? 404 : 400]);
            expect(res.json().error).toBe(isUuid ? 'Not Found' : 'Invalid report_id');
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(snapshot(env.reportsDir)).toEqual(before);
  });
});

const rawGet = (target: string) => rawGetOn(port, target);

describe('hostile report ids on the wire (a listening server, raw request lines)', () => {
  it.each([
    ['/get_report?report_id=../canary', 400],
    ['/get_report?report_id=..%2f..%2fetc%2fpasswd', 400],
    ['/get_report?report_id=%2e%2e%2f%2e%2e%2fetc%2fpasswd', 400],
    ['/get_report?report_id=%252e%252e%252f', 400],
    [`/get_report?report_id=${CANARY_ID}%00`, 400],
    [`/get_report?report_id=${CANARY_ID}%2500`, 400],
    [`/get_report?report_id=${CANARY_ID}%2f..%2f..%2fcanary`, 400],
    ['/get_report?report_id=%2Fetc%2Fpasswd', 400],
    ['/get_report?report_id=%C0%AE%C0%AE%2F', 400],
    ['/get_report?report_id=%E2%80%AE', 400],
    ["/get_report?report_id='%20OR%201=1--", 400],
    ['/get_report?report_id=%0d%0aSet-Cookie:%20x=1', 400],
    [`/reports/..%2f..%2f..%2fetc%2fpasswd`, 400],
    [`/reports/%2e%2e%2f${CANARY_ID}`, 400],
    [`/reports/${CANARY_ID}%00`, 400],
    [`/reports/${CANARY_ID}%2f..`, 400],
    ['/reports/%2Fetc%2Fpasswd', 400],
    ["/reports/'%3B%20DROP%20TABLE%20reports%3B--", 400],
    ['/reports/%EF%BC%96f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f', 400],
    // Percent-encoding that is not UTF-8: the router cannot decode the id at all.
    ['/reports/%C0%AE%C0%AE%2F', 400],
    ['/reports/%E0%A4%A', 400],
    ['/reports/%', 400],
    ['/get_report?report_id=%E0%A4%A', 400],
    ['/get_report?report_id=%', 400],
    // The router's own answers for paths that are not /reports/:id at all.
    ['/reports/../../etc/passwd', 404],
    [`/reports/${CANARY_ID}/../../canary`, 404],
  ])('GET %s answers %i', async (target, status) => {
    const before = [snapshot(env.reportsDir), snapshot(canaryDir)];
    const res = await rawGet(target);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body).error).toBe(status === 400 ? 'Invalid report_id' : 'Not Found');
    expect(res.body).not.toContain(CANARY_TEXT);
    expect([snapshot(env.reportsDir), snapshot(canaryDir)]).toEqual(before);
  });

  it('a raw NUL or control byte in the request line is refused by the HTTP parser (400), before any route', async () => {
    for (const target of [
      `/get_report?report_id=${CANARY_ID}\u0000`,
      `/reports/${CANARY_ID}\u0001`,
      `/get_report?report_id=\u007f`,
    ]) {
      expect((await rawGet(target)).status).toBe(400);
    }
  });

  it("a request line over the server's limit is refused by the HTTP server itself with 431", async () => {
    expect((await rawGet(`/get_report?report_id=${'a'.repeat(1024 * 1024)}`)).status).toBe(431);
    expect((await rawGet(`/reports/${'%2e%2e%2f'.repeat(100_000)}`)).status).toBe(431);
  });

  it("a path segment over the router's limit (reachable with a larger header limit than node's 16 KiB) is 414 in the API's error body, the URL not echoed", async () => {
    const res = await app.inject({ method: 'GET', url: `/reports/${'b'.repeat(20_000)}` });
    expect(res.statusCode).toBe(414);
    expect(res.body).not.toContain('bbbb');
    expect(res.json()).toEqual({
      error: 'URI Too Long',
      message: 'a part of the URL path is longer than 16384 characters',
    });
  });

  it("a long id within the limit is still 400 Invalid report_id, not the router's 404", async () => {
    const res = await rawGet(`/reports/${'a'.repeat(15_000)}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toBe('Invalid report_id');
  });
});
