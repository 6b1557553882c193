import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { reportHeader } from '@store-monitor/engine';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { rawGet as rawGetOn } from './support/raw-get';
import { TestEnvironment } from './support/test-env';

/**
 * The routes under /stores, fuzzed: hostile store ids (traversal, encoded slashes and NULs, SQL,
 * look-alikes, other normalisations, whitespace, overlong) and hostile query fields. Each gets an
 * exact 4xx in the API's {"error","message"} shape, never a 5xx, and a store id never reaches
 * another store's data: stores whose ids differ by one quote, backslash, case, space or
 * normalisation are loaded side by side, each with a poll at its own minute.
 */
const env = new TestEnvironment();
let app: FastifyInstance;
let port: number;

/** Stores that a sloppy comparison, escape or normalisation would confuse with each other. */
const STORES = [
  'a',
  'A',
  "a'b",
  "a''b",
  'a\\b',
  'a\\',
  '%',
  '_',
  'a%',
  'a/b',
  '.',
  'caf\u00e9',
  'cafe\u0301',
  '\uff41',
  '1',
  '01',
  "x' OR '1'='1",
];

/** Each store's one poll: 2024-01-10 10:00 UTC plus its index in minutes, inactive, so its own. */
const pollAt = (i: number) => new Date(Date.UTC(2024, 0, 10, 10, i)).toISOString().replace('.000Z', 'Z');
const csvField = (text: string) => `"${text.replace(/"/g, '""')}"`;
const NOW = pollAt(STORES.length - 1);

beforeAll(async () => {
  await env.setUp();
  app = await env.app();
  const polls = STORES.map((id, i) => `${csvField(id)},inactive,${pollAt(i).replace('T', ' ').replace('Z', ' UTC')}`);
  const res = await app.inject({
    method: 'POST',
    url: '/polls',
    payload: `store_id,status,timestamp_utc\n${polls.join('\n')}\n`,
    headers: { 'content-type': 'text/csv' },
  });
  if (res.statusCode !== 200 || res.json().rejected !== 0) throw new Error(res.body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
}, 120_000);
afterAll(() => env.tearDown());

const ROUTES = ['timeline', 'timeline.svg'] as const;
/** Ids inject() cannot send: its URL parser takes them for dot segments. The wire tests send them. */
const DOT_SEGMENTS = ['.', '..'];
const path = (id: string, route: string) => `/stores/${encodeURIComponent(id)}/${route}`;

/** The API's 404 for a store id it has no store for: the id quoted, cut at 100 characters. */
function noStore(id: string, when = 'now') {
  const quoted = JSON.stringify(id);
  const shown = quoted.length <= 100 ? quoted : `${quoted.slice(0, 100)}...`;
  return { error: 'Not Found', message: `no store ${shown} with a poll at or before ${when}` };
}

/** A seeded store's timeline: its own id and its own poll, nobody else's. */
function expectOwnTimeline(res: { statusCode: number; json: () => unknown }, id: string): void {
  expect([id, res.statusCode]).toEqual([id, 200]);
  const body = res.json() as { store_id: string; row: { store_id: string }; polls: { at: string }[] };
  expect([body.store_id, body.row.store_id, body.polls.map((p) => p.at)]).toEqual([
    id,
    id,
    [pollAt(STORES.indexOf(id))],
  ]);
}

/** A test title for a query that may be thousands of characters long. */
const titled = <T extends unknown[]>(rows: [string, ...T][]) =>
  rows.map(([text, ...rest]) => [
    text.length > 60 ? `${text.slice(0, 40)}... (${text.length} chars)` : text,
    text,
    ...rest,
  ]);

/** Store ids that are none of the seeded ones, each a way a lookup could slip to one of them. */
const HOSTILE_IDS = [
  // Traversal and encoded separators.
  '../a',
  '..%2Fa',
  'a/../a',
  './a',
  'a/',
  '/a',
  'a%2Fb',
  'a%2fb',
  'a\\/b',
  // NUL and control characters.
  '\u0000',
  'a\u0000',
  '\u0000a',
  'a%00',
  'a\r\nX-Injected: 1',
  '\u001b[31ma',
  // SQL: quotes, escapes, comments, patterns, casts.
  "a' OR '1'='1",
  "a' OR 1=1 --",
  "a'; DROP TABLE polls; --",
  "a\\' OR 1=1 --",
  "a\\'",
  "E'a'",
  "'a'",
  'a"',
  '"a"',
  'a;',
  '$1',
  'a%%',
  '%a',
  '_a',
  'a_',
  '*',
  "x' OR '1'='1' --",
  "x'' OR ''1''=''1",
  // Look-alikes and other normalisations of seeded ids.
  'caf\u00c9',
  'CAF\u00c9',
  'cafe\u0301\u0301',
  'caf\u00e9\u0301',
  'cafe',
  '\uff21',
  '\u0430',
  '\u1d43',
  'a\u200b',
  '\u200ba',
  'a\u00ad',
  'a\ufe0f',
  '\ufeffa',
  '\u2024',
  '\uff0e',
  '\uff05',
  '\uff3f',
  '\u0661',
  '\uff11',
  '1.0',
  '+1',
  '1e0',
  // Whitespace, around and instead.
  ' ',
  '  ',
  '\t',
  '\n',
  ' a',
  'a ',
  '\ta',
  'a\u00a0',
  '\u3000a',
  // Long: within the router's limit, and past it (refused before any lookup).
  'a'.repeat(5000),
  `a${"' OR '1'='1".repeat(1000)}`,
];

describe('hostile store ids through inject (the id exactly as given)', () => {
  it('each seeded store, including those that differ by a quote, case or normalisation, answers its own data', async () => {
    for (const id of STORES.filter((store) => !DOT_SEGMENTS.includes(store))) {
      for (const route of ROUTES) {
        const res = await app.inject({ url: path(id, route) });
        if (route === 'timeline') expectOwnTimeline(res, id);
        else
          expect([id, res.statusCode, res.headers['content-type']]).toEqual([id, 200, 'image/svg+xml; charset=utf-8']);
      }
    }
  });

  it('every hostile id is 404 no store, on both routes, in the API shape', async () => {
    for (const id of HOSTILE_IDS) {
      for (const route of ROUTES) {
        const res = await app.inject({ url: path(id, route) });
        expect([id.slice(0, 80), res.statusCode, res.json()]).toEqual([id.slice(0, 80), 404, noStore(id)]);
      }
    }
  });

  it('and with an as_of: 404 naming the as_of as sent', async () => {
    for (const id of HOSTILE_IDS.slice(0, 30)) {
      const res = await app.inject({ url: `${path(id, 'timeline')}?as_of=${encodeURIComponent(NOW)}` });
      expect([id, res.statusCode, res.json()]).toEqual([id, 404, noStore(id, NOW)]);
    }
  });

  it('past the router limit (16 KiB of id), 414 in the API shape, the id not echoed', async () => {
    const id = "' OR '1'='1".repeat(1600);
    const res = await app.inject({ url: path(id, 'timeline') });
    expect(res.statusCode).toBe(414);
    expect(res.json()).toEqual({
      error: 'URI Too Long',
      message: 'a part of the URL path is longer than 16384 characters',
    });
  });

  it('any text is the store it names, or 404: never another store, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40, unit: 'binary' }),
          fc.string({ maxLength: 12, unit: fc.constantFrom(...'aA\'\\%_./ \u00e9\u0301e\u0000"') }),
          fc.constantFrom(...STORES),
        ),
        async (id) => {
          fc.pre(id !== '' && !DOT_SEGMENTS.includes(id));
          const res = await app.inject({ url: path(id, 'timeline') });
          if (STORES.includes(id)) expectOwnTimeline(res, id);
          else expect([id, res.statusCode, res.json()]).toEqual([id, 404, noStore(id)]);
        },
      ),
      { numRuns: 400 },
    );
  });
});

const rawGet = (target: string) => rawGetOn(port, target);

describe('hostile store ids on the wire (raw request lines)', () => {
  it.each([
    ['/stores/../timeline', 404, noStore('..')],
    ['/stores/%2e%2e/timeline', 404, noStore('..')],
    ['/stores/./timeline', 200, undefined],
    ['/stores//timeline', 404, noStore('')],
    ['/stores/..%2f..%2fa/timeline', 404, noStore('../../a')],
    ['/stores/a%2Fb/timeline', 200, undefined],
    ['/stores/a%252Fb/timeline', 404, noStore('a%2Fb')],
    ['/stores/%00/timeline', 404, noStore('\u0000')],
    ['/stores/a%00/timeline.svg', 404, noStore('a\u0000')],
    ["/stores/a'%20OR%20'1'='1/timeline", 404, noStore("a' OR '1'='1")],
    ['/stores/%27%3B%20DROP%20TABLE%20polls%3B--/timeline', 404, noStore("'; DROP TABLE polls;--")],
    ['/stores/caf%C3%A9/timeline', 200, undefined],
    ['/stores/CAF%C3%89/timeline', 404, noStore('CAF\u00c9')],
    ['/stores/%EF%BC%A1/timeline', 404, noStore('\uff21')],
    ['/stores/%20a/timeline', 404, noStore(' a')],
    ['/stores/a%20/timeline', 404, noStore('a ')],
    ['/stores/a%0d%0aSet-Cookie:%20x=1/timeline', 404, noStore('a\r\nSet-Cookie: x=1')],
  ])('GET %s answers %i', async (target, status, body) => {
    const res = await rawGet(target);
    expect(res.status).toBe(status);
    if (body !== undefined) expect(JSON.parse(res.body)).toEqual(body);
  });

  it.each([
    // Percent-encoding that is not UTF-8, or not percent-encoding at all.
    '/stores/%C0%AE%C0%AE/timeline',
    '/stores/%ED%A0%80/timeline',
    '/stores/%FF/timeline',
    '/stores/%E0%A4%A/timeline',
    '/stores/%/timeline',
    '/stores/a%G0/timeline',
  ])('GET %s, which no decoder reads, is 400 in the API shape', async (target) => {
    const res = await rawGet(target);
    expect(res.status).toBe(400);
    expect(Object.keys(JSON.parse(res.body)).sort()).toEqual(['error', 'message']);
  });

  it.each([
    ['/stores/a/b/timeline', 'a slash not encoded'],
    ['/stores/a/timeline/', 'a trailing slash'],
    ['/stores/a/timeline.svg.svg', 'another suffix'],
    ['/stores/a/TIMELINE', 'another case'],
  ])('GET %s (%s) is the 404 of a path no route serves', async (target) => {
    const res = await rawGet(target);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toEqual({
      error: 'Not Found',
      message: `no route for GET ${target}`,
    });
  });

  it('a raw NUL, control byte or space in the request line is refused by the HTTP parser (400)', async () => {
    for (const target of ['/stores/a\u0000/timeline', '/stores/a\u0001/timeline', '/stores/a b/timeline']) {
      expect((await rawGet(target)).status).toBe(400);
    }
  });

  it("a request line over node's header limit is refused with 431", async () => {
    expect((await rawGet(`/stores/${'a'.repeat(1024 * 1024)}/timeline`)).status).toBe(431);
  });
});

describe('hostile query fields on the timeline', () => {
  const AS_OF_FORMS = '2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC';
  const badAsOf = (text: string) => `querystring/as_of must be an instant such as ${AS_OF_FORMS}; got ${text}`;
  const badMaxGap = (text: string) =>
    `querystring/max_gap must be a positive duration such as 90m, 2h, 1h30m or PT2H; got ${text}`;
  const outside = (asOf: string, where: string) =>
    `as_of ${asOf} is ${where}: it must be from the first poll (2024-01-10T10:00:00Z) to 1d after the latest poll (${NOW})`;

  // [the query, the message of its 400]
  it.each(
    titled([
      ['as_of=', badAsOf('""')],
      ['as_of=yesterday', badAsOf('"yesterday"')],
      ['as_of=0', badAsOf('"0"')],
      ['as_of=-1', badAsOf('"-1"')],
      ['as_of=1704880800', badAsOf('"1704880800"')],
      ['as_of=NaN', badAsOf('"NaN"')],
      ['as_of=Infinity', badAsOf('"Infinity"')],
      ['as_of=1e400', badAsOf('"1e400"')],
      ['as_of=2024-02-30T00:00:00Z', badAsOf('"2024-02-30T00:00:00Z"')],
      ['as_of=2024-01-10T25:00:00Z', badAsOf('"2024-01-10T25:00:00Z"')],
      ['as_of=2024-01-10T10:60:00Z', badAsOf('"2024-01-10T10:60:00Z"')],
      ['as_of=2024-13-01T00:00:00Z', badAsOf('"2024-13-01T00:00:00Z"')],
      ['as_of=%2B275760-09-13T00:00:00Z', badAsOf('"+275760-09-13T00:00:00Z"')],
      ['as_of=2024-01-10T10:00:00Z%00', badAsOf('"2024-01-10T10:00:00Z\\u0000"')],
      ['as_of=2024-01-10T10:00:00Z;DROP', badAsOf('"2024-01-10T10:00:00Z;DROP"')],
      [`as_of=${'9'.repeat(5000)}`, badAsOf(`"${'9'.repeat(99)}...`)],
      ['as_of=2000-01-01T00:00:00Z', outside('2000-01-01T00:00:00Z', 'before the first poll')],
      ['as_of=0001-01-01T00:00:00Z', outside('0001-01-01T00:00:00Z', 'before the first poll')],
      ['as_of=9999-12-31T23:59:59Z', outside('9999-12-31T23:59:59Z', 'more than 1d after the latest poll')],
      ['as_of=a&as_of=b', 'querystring/as_of must be string'],
      [`as_of=${NOW}&as_of=${NOW}`, 'querystring/as_of must be string'],
      ['policy=', 'querystring/policy must be one of nearest, forward; got ""'],
      ['policy=NEAREST', 'querystring/policy must be one of nearest, forward; got "NEAREST"'],
      ["policy=nearest'--", 'querystring/policy must be one of nearest, forward; got "nearest\'--"'],
      ['policy=nearest&policy=forward', 'querystring/policy must be string'],
      ['max_gap=', badMaxGap('""')],
      ['max_gap=0', badMaxGap('"0"')],
      ['max_gap=0s', badMaxGap('"0s"')],
      ['max_gap=-1h', badMaxGap('"-1h"')],
      ['max_gap=1e309h', badMaxGap('"1e309h"')],
      ['max_gap=NaN', badMaxGap('"NaN"')],
      ['max_gap=2h&max_gap=3h', 'querystring/max_gap must be string'],
    ]),
  )('%s: 400 with its message', async (_title, query, message) => {
    for (const route of ROUTES) {
      const res = await app.inject({ url: `/stores/a/${route}?${query}` });
      expect([route, res.statusCode, res.json()]).toEqual([route, 400, { error: 'Bad Request', message }]);
    }
  });

  it('fields it does not take (from, to, store_id...) change nothing: the answer is the plain one', async () => {
    const plain = await app.inject({ url: '/stores/a/timeline' });
    expectOwnTimeline(plain, 'a');
    for (const query of ['from=0&to=-1', 'from=9999-12-31&to=x', 'store_id=A', 'id=A', 'as_of[]=x', 'as_of[a]=x']) {
      const res = await app.inject({ url: `/stores/a/timeline?${query}` });
      expect([query, res.statusCode, res.body]).toEqual([query, 200, plain.body]);
    }
  });

  it('any text in as_of, policy or max_gap is 200 or a 400 naming one of them, never a 5xx', async () => {
    const field = fc.constantFrom('as_of', 'policy', 'max_gap');
    await fc.assert(
      fc.asyncProperty(field, fc.string({ maxLength: 30, unit: 'binary' }), async (name, value) => {
        const res = await app.inject({ url: `/stores/a/timeline?${name}=${encodeURIComponent(value)}` });
        expect([name, value, res.statusCode < 500]).toEqual([name, value, true]);
        if (res.statusCode === 200) return expectOwnTimeline(res, 'a');
        expect([name, value, res.statusCode, res.json().error]).toEqual([name, value, 400, 'Bad Request']);
        expect(res.json().message).toMatch(new RegExp(`^(querystring/)?${name} `));
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile query fields on GET /stores', () => {
  /** A report id no report has: every field valid, the answer is its 404. */
  const NO_REPORT = '5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07';
  const COLUMNS =
    'store_id, uptime_last_hour, uptime_last_day, uptime_last_week, downtime_last_hour, downtime_last_day, ' +
    'downtime_last_week, unknown_last_hour, unknown_last_day, unknown_last_week';

  it.each([
    "' OR '1'='1",
    `${NO_REPORT}' OR '1'='1`,
    `${NO_REPORT}\u0000`,
    `${NO_REPORT}%00`,
    `${NO_REPORT.toUpperCase().replace('F', '\uff26')}`,
    `../${NO_REPORT}`,
    ` ${NO_REPORT}`,
    `${NO_REPORT},${NO_REPORT}`,
    'x'.repeat(300),
  ])('report_id %j: 400 Invalid report_id', async (id) => {
    const res = await app.inject({ url: `/stores?report_id=${encodeURIComponent(id)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Invalid report_id',
      message: 'querystring/report_id must be a report id (a uuid)',
    });
  });

  it.each(
    titled([
      ['limit=1001', 'querystring/limit must be <= 1000'],
      ['limit=-1', 'querystring/limit must be >= 1'],
      ['limit=1.5', 'querystring/limit must be integer'],
      ['limit=', 'querystring/limit must be integer'],
      ['limit=9'.padEnd(300, '9'), 'querystring/limit must be <= 1000'],
      ['limit=1&limit=2', 'querystring/limit must be integer'],
      ['offset=1000000001', 'querystring/offset must be <= 1000000000'],
      ['offset=-0.5', 'querystring/offset must be integer'],
      ['offset=NaN', 'querystring/offset must be integer'],
      ['order=asc&order=desc', 'querystring/order must be string'],
      ['sort=store_id;DROP', `querystring/sort must be one of ${COLUMNS}; got "store_id;DROP"`],
      [`q=${'%25'.repeat(1001)}`, 'querystring/q must NOT have more than 1000 characters'],
    ]),
  )('%s: 400 naming the field', async (_title, query, message) => {
    const res = await app.inject({ url: `/stores?report_id=${NO_REPORT}&${query}` });
    expect([res.statusCode, res.json()]).toEqual([400, { error: 'Bad Request', message }]);
  });

  it('a report_id given twice is Invalid report_id; every field at its bound is valid (404: no such report)', async () => {
    const twice = await app.inject({ url: `/stores?report_id=${NO_REPORT}&report_id=${NO_REPORT}` });
    expect([twice.statusCode, twice.json().error]).toEqual([400, 'Invalid report_id']);
    const bounds = 'q=%25&limit=1000&offset=1000000000&sort=unknown_last_week&order=desc';
    const res = await app.inject({ url: `/stores?report_id=${NO_REPORT}&${bounds}` });
    expect([res.statusCode, res.json()]).toEqual([
      404,
      { error: 'Not Found', message: `no report with id ${NO_REPORT}` },
    ]);
  });

  // ajv coerces "Infinity" or "1e999" to a number that passes type integer and skips maximum and
  // minimum (ajv-validator/ajv#2212); a page with it could not be written out (a 500 before the fix).
  it.each(['limit=Infinity', 'limit=1e999', 'limit=-Infinity', 'offset=Infinity', 'offset=-1e999'])(
    '%s on a complete report: 400 naming the field, not a 5xx',
    async (query) => {
      const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
      await app.reports.markRunning(id);
      const filePath = join(env.reportsDir, `${id}.csv`);
      writeFileSync(filePath, `${reportHeader(false)}\na,60,24,168,0,0,0\n`);
      await app.reports.markComplete(id, { rowCount: 1, filePath });
      const res = await app.inject({ url: `/stores?report_id=${id}&${query}` });
      const field = query.split('=')[0];
      expect([res.statusCode, res.json()]).toEqual([
        400,
        { error: 'Bad Request', message: `querystring/${field} must be integer` },
      ]);
    },
  );
});
