import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { JSON_BODY_LIMIT_BYTES } from '../src/app';
import { basicAuth, BOARD_PASSWORD, BOARD_USER, useTestApp } from './support/test-env';

const BODY_LIMIT = 256 * 1024;
/** The server's error lines: a 5xx is asserted against, and its cause must then be in the failure. */
const serverErrors: string[] = [];

const { app } = useTestApp(
  { bodyLimitBytes: BODY_LIMIT, logLevel: 'error' },
  { logStream: { write: (line: string) => void serverErrors.push(line) } },
);

type Response = Awaited<ReturnType<FastifyInstance['inject']>>;

function post(url: string, payload: string | Buffer, contentType?: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...(contentType === undefined ? {} : { 'content-type': contentType }), ...headers },
  });
}

/** Never 5xx; an error is the API's `{error, message}` with a message that says something. */
function expectClientAnswer(res: Response, allowed: number[]): void {
  const cause = res.statusCode >= 500 ? serverErrors.at(-1)?.slice(0, 2000) : undefined;
  expect([res.statusCode, allowed.includes(res.statusCode), cause]).toEqual([res.statusCode, true, undefined]);
  if (res.statusCode >= 400) {
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    expect(body.message.length).toBeGreaterThan(10);
  }
}

async function pollsUnder(prefix: string): Promise<string[]> {
  const polls = await app.prisma.poll.findMany({ where: { storeId: { startsWith: prefix } } });
  return polls.map((p) => `${p.storeId}|${p.at.toISOString()}|${p.active}`).sort();
}

// --- POST /polls with CSV: good rows among bad ones

const HEADER = 'store_id,status,timestamp_utc';
// Good polls are in the past: a poll later than the clock (plus an hour) is rejected as dated in the future.
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2025, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

interface Row {
  /** The line's bytes (no line end). */
  bytes: Buffer;
  /** A good row: what must be stored. A bad one: the reason it must be rejected with. */
  good?: { id: string; at: string; active: boolean };
  reason?: string;
}

const quoteCsv = (text: string): string => `"${text.replace(/"/g, '""')}"`;
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** A good row of store `id` (ids are unique per row, so no two rows compete for one key). */
function goodRow(id: string): fc.Arbitrary<Row> {
  return fc
    .record({ at: instant, active: fc.boolean(), upper: fc.boolean(), quoted: fc.boolean() })
    .map(({ at, active, upper, quoted }) => {
      const status = active ? 'active' : 'inactive';
      const field = quoted || /[",\n\r]/.test(id) ? quoteCsv(id) : id;
      return { bytes: utf8(`${field},${upper ? status.toUpperCase() : status},${at}`), good: { id, at, active } };
    });
}

/** Bad rows of every class the readers know, each with the exact reason it must be given. */
function badRow(id: string, quoteErrors: boolean): fc.Arbitrary<Row> {
  const at = '2023-01-22 12:00:00 UTC';
  return fc.oneof(
    fc.constantFrom('open', 'up', '1', 'actve').map((s) => ({
      bytes: utf8(`${id},${s},${at}`),
      reason: `status: ${JSON.stringify(s)} is not active or inactive`,
    })),
    fc.constantFrom('yesterday', '2023-13-01 00:00:00 UTC', '2023-02-30T00:00:00Z', '12:00').map((t) => ({
      bytes: utf8(`${id},active,${t}`),
      reason: `timestamp_utc: ${JSON.stringify(t)} is not a valid timestamp`,
    })),
    fc.constant({ bytes: utf8(`,active,${at}`), reason: 'store_id: is empty' }),
    fc.constant({ bytes: utf8(`${id},,${at}`), reason: 'status: is empty' }),
    fc.constant({ bytes: utf8(`${id},active,`), reason: 'timestamp_utc: is empty' }),
    fc
      .integer({ min: 1, max: 2000 })
      .filter((n) => n !== 3)
      .map((n) => ({
        bytes: utf8(Array.from({ length: n }, () => 'x').join(',')),
        reason: `has ${n} field${n === 1 ? '' : 's'}, header has 3`,
      })),
    fc.constant({ bytes: utf8(`${id}\u0000x,active,${at}`), reason: 'store_id: holds a NUL character' }),
    fc.integer({ min: 256, max: 5000 }).map((n) => ({
      bytes: utf8(`${'9'.repeat(n)},active,${at}`),
      reason: 'store_id: is longer than 255 characters',
    })),
    fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf]).map((bad) => ({
      bytes: Buffer.concat([utf8(id), Buffer.from(bad), utf8(`,active,${at}`)]),
      reason: 'store_id: is not valid UTF-8 (holds U+FFFD)',
    })),
    ...(quoteErrors
      ? [
          fc.constant({ bytes: utf8(`${id},"active,${at}`), reason: 'a quoted field is never closed' }),
          fc.constant({
            bytes: utf8(`${id},"active"x,${at}`),
            reason: 'a quoted field has text after its closing quote',
          }),
        ]
      : []),
  );
}

let run = 0;

describe('POST /polls, CSV: hostile rows among good ones', () => {
  it('keeps every good row exactly and rejects every bad one with its line and reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.gen(),
        async (kinds, eol, bom, finalEol, quoteErrors, gen) => {
          const prefix = `hc${++run}-`;
          // Ids that are valid but awkward: commas, quotes, line breaks, unicode, formula-like.
          // KNOWN LIMIT of the reader: a stray quote runs to the next quote char and the recovery
          // re-reads that span line by line, splitting a good quoted field with a line break in it.
          // So bodies with stray quotes get no multi-line ids.
          const suffixes = ['', ',x', ' "q"', '\u00e9\u{1F600}', '=1+2', ...(quoteErrors ? [] : ['\nline'])];
          const idOf = (i: number) => `${prefix}${i}${gen(fc.constantFrom, ...suffixes)}`;
          // Bad rows get plain ids: their fields are written unquoted, so the reason is theirs alone.
          const rows = kinds.map((good, i) =>
            good ? gen(goodRow, idOf(i)) : gen(badRow, `${prefix}b${i}`, quoteErrors),
          );
          // An unclosed quote is only contained on the last line: papaparse would otherwise end it at the next quote.
          const lastBadQuote = rows.findIndex(
            (r, i) => r.reason === 'a quoted field is never closed' && i !== rows.length - 1,
          );
          fc.pre(lastBadQuote === -1);
          const lines: Buffer[] = [];
          const expected: Array<{ line: number; reason: string }> = [];
          let line = 2;
          for (const row of rows) {
            lines.push(row.bytes);
            if (row.reason !== undefined) expected.push({ line, reason: row.reason });
            line += 1 + (row.bytes.toString('utf8').match(/\n/g)?.length ?? 0);
          }
          const body = Buffer.concat([
            bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
            utf8(`${HEADER}${eol}`),
            ...lines.flatMap((l, i) => (i < lines.length - 1 || finalEol ? [l, utf8(eol)] : [l])),
          ]);
          const res = await post('/polls', body, 'text/csv');
          expect(res.statusCode).toBe(200);
          const answer = res.json();
          const good = rows.flatMap((r) => (r.good === undefined ? [] : [r.good]));
          expect({ read: answer.read, inserted: answer.inserted, rejected: answer.rejected }).toEqual({
            read: rows.length,
            inserted: good.length,
            rejected: expected.length,
          });
          expect(
            answer.rejects.map((r: { line: number; reason: string }) => ({ line: r.line, reason: r.reason })),
          ).toEqual(expected);
          expect(await pollsUnder(prefix)).toEqual(good.map((g) => `${g.id}|${g.at}|${g.active}`).sort());
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  }, 120_000);
});

// --- POST /polls: anything at all

const CONTENT_TYPES = [
  'text/csv',
  'text/csv; charset=utf-8',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'text/csv; charset=latin1',
];

describe('POST /polls: random bodies never get a 5xx', () => {
  it('random bytes, text and CSV-ish text, under any content type', async () => {
    const csvish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            ',',
            '"',
            '\n',
            '\r',
            '\r\n',
            '\u0000',
            '\ufeff',
            'active',
            'x',
            ' ',
            '2023-01-22 12:00:00 UTC',
          ),
          fc.string({ maxLength: 5 }),
        ),
        { maxLength: 60 },
      )
      .map((parts) => `${HEADER}\n${parts.join('')}`);
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
      fc.string({ unit: 'binary', maxLength: 500 }),
      csvish,
    );
    await fc.assert(
      fc.asyncProperty(payload, fc.constantFrom(...CONTENT_TYPES), async (body, type) => {
        const res = await post('/polls', body, type);
        expectClientAnswer(res, [200, 400, 415]);
        if (
          type.startsWith('text/plain') ||
          type.startsWith('application/xml') ||
          type.startsWith('multipart') ||
          type.startsWith('application/x-www')
        ) {
          expect(res.statusCode).toBe(415);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('random JSON shapes: 200 or a 400 naming the field', async () => {
    const pollLike = fc.record(
      { store_id: fc.anything(), status: fc.anything(), timestamp_utc: fc.anything() },
      { requiredKeys: [] },
    );
    const shape = fc.oneof(
      fc.jsonValue(),
      fc.record({ polls: fc.jsonValue() }),
      fc.record({ polls: fc.array(fc.oneof(pollLike, fc.jsonValue()), { maxLength: 5 }) }),
      fc.dictionary(fc.string(), fc.jsonValue()),
    );
    await fc.assert(
      fc.asyncProperty(shape, async (value) => {
        const text = JSON.stringify(value) ?? 'null';
        const res = await post('/polls', text, 'application/json');
        expectClientAnswer(res, [200, 400]);
        if (res.statusCode === 400) expect(res.json().message).toMatch(/^body|JSON|Body/);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it.each([
    [
      'a deeply nested polls value',
      `{"polls":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
      'body/polls/0 must be object',
    ],
    [
      'a deeply nested field',
      `{"polls":[{"store_id":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}]}`,
      'body/polls/0/store_id must be string,null',
    ],
    ['a deeply nested unknown field', `{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 'body/polls is required'],
    ['a number', '12', 'body must be object'],
    ['null', 'null', 'body must be object'],
    ['polls as an object', '{"polls":{"0":{}}}', 'body/polls must be array'],
    ['a poll as a number', '{"polls":[1]}', 'body/polls/0 must be object'],
    [
      'a store_id as a number',
      '{"polls":[{"store_id":1,"status":"active","timestamp_utc":"2023-01-22T12:00:00Z"}]}',
      'body/polls/0/store_id must be string,null',
    ],
    [
      'a 64-bit store_id as a number (JSON.parse would round it)',
      '{"polls":[{"store_id":"1","status":"active","timestamp_utc":"2023-01-22T12:00:00Z"},{"store_id":1481966498820158979,"status":"active","timestamp_utc":"2023-01-22T12:00:00Z"}]}',
      'body/polls/1/store_id must be string,null',
    ],
    ['a status as a boolean', '{"polls":[{"store_id":"1","status":true}]}', 'body/polls/0/status must be string,null'],
    [
      'a timestamp as a number',
      '{"polls":[{"store_id":"1","timestamp_utc":1674388800000}]}',
      'body/polls/0/timestamp_utc must be string,null',
    ],
    ['a field as an array', '{"polls":[{"store_id":["1"]}]}', 'body/polls/0/store_id must be string,null'],
    ['an unknown field in a poll', '{"polls":[{"store":"1"}]}', 'body/polls/0/store is not a known field'],
    ['an unknown top-level field', '{"polls":[],"extra":1}', 'body/extra is not a known field'],
    [
      '__proto__',
      '{"polls":[],"__proto__":{"admin":true}}',
      "Body is not valid JSON but content-type is set to 'application/json'",
    ],
    [
      'constructor.prototype',
      '{"polls":[{"constructor":{"prototype":{"x":1}}}]}',
      "Body is not valid JSON but content-type is set to 'application/json'",
    ],
    [
      'truncated JSON',
      '{"polls":[{"store_id":"1"',
      "Body is not valid JSON but content-type is set to 'application/json'",
    ],
    ['an empty body', '', "Body cannot be empty when content-type is set to 'application/json'"],
  ])('%s: 400 saying what is wrong', async (_what, body, message) => {
    const res = await post('/polls', body, 'application/json');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message });
  });

  it('a polls array as large as the limit allows is loaded whole', async () => {
    const poll = (i: number) => ({
      store_id: `big-${i}`,
      status: i % 2 ? 'active' : 'inactive',
      timestamp_utc: '2023-01-22T12:00:00Z',
    });
    let count = 0;
    while (JSON.stringify({ polls: Array.from({ length: count + 100 }, (_, i) => poll(i)) }).length <= BODY_LIMIT)
      count += 100;
    const body = JSON.stringify({ polls: Array.from({ length: count }, (_, i) => poll(i)) });
    expect(body.length).toBeGreaterThan(BODY_LIMIT - 10_000);
    const res = await post('/polls', body, 'application/json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ read: count, inserted: count, rejected: 0 });
    expect(await app.prisma.poll.count({ where: { storeId: { startsWith: 'big-' } } })).toBe(count);
  });
});

// --- 413 on every route that takes a body

const BOARD = { authorization: basicAuth(BOARD_USER, BOARD_PASSWORD) };

describe('oversized bodies get 413 on every route that takes one', () => {
  it.each([
    [
      'POST /polls, CSV',
      '/polls',
      'text/csv',
      `${HEADER}\n${'x,active,2023-01-22 12:00:00 UTC\n'.repeat(BODY_LIMIT / 30)}`,
      {},
      BODY_LIMIT,
    ],
    [
      'POST /polls, JSON',
      '/polls',
      'application/json',
      JSON.stringify({
        polls: Array.from({ length: BODY_LIMIT / 40 }, () => ({
          store_id: 'x',
          status: 'active',
          timestamp_utc: '2023-01-22T12:00:00Z',
        })),
      }),
      {},
      BODY_LIMIT,
    ],
    [
      'POST /trigger_report',
      '/trigger_report',
      'application/json',
      JSON.stringify({ policy: 'nearest', as_of: 'x'.repeat(JSON_BODY_LIMIT_BYTES) }),
      {},
      JSON_BODY_LIMIT_BYTES,
    ],
    [
      'POST /trigger_report, another type',
      '/trigger_report',
      'text/csv',
      'x'.repeat(JSON_BODY_LIMIT_BYTES + 1),
      {},
      JSON_BODY_LIMIT_BYTES,
    ],
    [
      'POST /admin/queues/api/queues/reports/add (the board)',
      '/admin/queues/api/queues/reports/add',
      'application/json',
      JSON.stringify({ name: 'x', data: 'y'.repeat(JSON_BODY_LIMIT_BYTES) }),
      BOARD,
      JSON_BODY_LIMIT_BYTES,
    ],
  ])('%s', async (_what, url, type, body, headers, limit) => {
    expect(Buffer.byteLength(body)).toBeGreaterThan(limit);
    const res = await post(url, body, type, headers);
    if (type === 'text/csv' && url === '/trigger_report') {
      // An unknown type is refused before its size matters.
      expect(res.statusCode).toBe(415);
      return;
    }
    expect(res.statusCode).toBe(413);
    // The board answers in its own error shape; the API's routes in the API's.
    if (url.startsWith('/admin/'))
      expect(res.json()).toEqual({
        error: { key: 'ERRORS.INTERNAL_SERVER_ERROR' },
        message: 'Request body is too large',
      });
    else
      expect(res.json()).toEqual({
        error: 'Payload Too Large',
        message: `the request body is over this route's limit of ${limit} bytes`,
      });
  });

  it('a chunked upload without a length is cut at the limit (a listening server)', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const piece = 'y,active,2023-01-22 12:00:00 UTC\n'.repeat(500);
    const status = await new Promise<{ status: number; body: string }>((resolveUpload, reject) => {
      const req = request(
        {
          port,
          host: '127.0.0.1',
          path: '/polls',
          method: 'POST',
          headers: { 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolveUpload({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(`${HEADER}\n`);
      for (let sent = 0; sent <= BODY_LIMIT; sent += piece.length) req.write(piece);
      req.end();
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body)).toEqual({
      error: 'Payload Too Large',
      message: `the request body is over this route's limit of ${BODY_LIMIT} bytes`,
    });
    expect(await app.prisma.poll.count({ where: { storeId: 'y' } })).toBe(0);
  });
});
