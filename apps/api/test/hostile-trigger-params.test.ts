import { createHash } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { formatDuration, MAX_GAP_FORMS } from '@store-monitor/csv';
import { keysOf } from '@store-monitor/test-support';
import { expectedMaxGapMs, maxGapText } from '../../../packages/csv/test/support/max-gap-texts';
import { useTestApp } from './support/test-env';

/**
 * The two new inputs of POST /trigger_report, fuzzed: `max_gap` (a duration in the body) and the
 * `Idempotency-Key` header. Every value gets 202 or a 400 whose message is exactly the documented
 * one; a valid max_gap is kept as the duration it means; a key is only ever a hash in Redis, so no
 * text in it (`:`, `{}` cluster hash tags, another key's hash) reaches or escapes into another entry.
 */
const { env, app } = useTestApp();

/** POST /trigger_report with `body` as JSON, or as the text given (JSON that JSON.stringify cannot make). */
function trigger(body: unknown, headers: Record<string, string | string[]> = {}) {
  return app.inject({
    method: 'POST',
    url: '/trigger_report',
    payload: body instanceof RawJson ? body.text : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

class RawJson {
  constructor(readonly text: string) {}
}

/** A sent value as the API's messages show it: as JSON, cut at 100 characters. */
const shownAs = (value: unknown): string => {
  const json = JSON.stringify(value);
  return json.length <= 100 ? json : `${json.slice(0, 100)}...`;
};

const maxGapRefusal = (value: unknown) => ({
  error: 'Bad Request',
  message: `body/max_gap must be ${MAX_GAP_FORMS}; got ${shownAs(value)}`,
});

describe('max_gap', () => {
  it('random texts: 202 keeping exactly the duration meant, or 400 naming the field and the value', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(maxGapText, async (text) => {
        const res = await trigger({ max_gap: text });
        const ms = expectedMaxGapMs(text);
        if (ms === undefined) {
          expect([res.statusCode, res.json()]).toEqual([400, maxGapRefusal(text)]);
          return;
        }
        accepted++;
        expect(res.statusCode).toBe(202);
        const record = await app.inject({ url: `/reports/${res.json().report_id}` });
        expect(record.json().max_gap).toBe(formatDuration(ms));
      }),
      { numRuns: 300 },
    );
    // The generator must reach both answers, or the property says little.
    expect(accepted).toBeGreaterThan(30);
  }, 120_000);

  it.each<[string, unknown]>([
    ['zero', '0s'],
    ['zero in ISO form', 'PT0S'],
    ['zero weeks', '0w0d0h0m0s'],
    ['negative', '-1h'],
    ['negative ISO', '-PT1H'],
    ['fractional', '1.5h'],
    ['fractional ISO', 'PT1.5H'],
    ['a bare number', '90'],
    ['words', '2 hours'],
    ['upper-case units', '2H'],
    ['lower-case ISO', 'pt2h'],
    ['months (their length depends on the date)', 'P1M'],
    ['years', 'P1Y'],
    ['units out of order', '30m1h'],
    ['a unit twice', '1h1h'],
    ['ten digits', '1000000000s'],
    ['more milliseconds than a double holds exactly', '999999999w'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['an exponent', '1e3s'],
    ['full-width digits', '\uff12h'],
    ['a NUL', '2h\u0000'],
    ['empty', ''],
    ['only spaces', '   '],
    ['a string of 10,000 digits, cut in the message', `${'9'.repeat(10_000)}s`],
  ])('%s: 400 with the value shown', async (_what, value) => {
    const res = await trigger({ max_gap: value });
    expect([res.statusCode, res.json()]).toEqual([400, maxGapRefusal(value)]);
  });

  // Fastify's schema coerces scalars to the string type the field has; what cannot be refused
  // as a duration is refused as a type.
  it.each<[string, unknown, string]>([
    ['a number', 7200, `body/max_gap must be ${MAX_GAP_FORMS}; got "7200"`],
    ['a boolean', true, `body/max_gap must be ${MAX_GAP_FORMS}; got "true"`],
    ['null', null, `body/max_gap must be ${MAX_GAP_FORMS}; got ""`],
    ['an object', { h: 2 }, 'body/max_gap must be string'],
    ['an array of two', ['1h', '2h'], 'body/max_gap must be string'],
    // Found by this file: ajv unwrapped a one-element array, and the report was queued with 2h.
    ['an array of one', ['2h'], 'body/max_gap must be string'],
    [
      'a deeply nested array',
      new RawJson(`{"max_gap":${'['.repeat(5000)}"2h"${']'.repeat(5000)}}`),
      'body/max_gap must be string',
    ],
    ['an unknown field beside it', new RawJson('{"max_gap":"2h","maxgap":"2h"}'), 'body/maxgap is not a known field'],
    ['a body that is not an object', new RawJson('"2h"'), 'body must be object'],
    ['policy as an array of one', new RawJson('{"policy":["forward"]}'), 'body/policy must be string'],
    ['as_of as an array of one', new RawJson('{"as_of":["2024-01-10T12:00:00Z"]}'), 'body/as_of must be string'],
    [
      'callback_url as an array of one',
      new RawJson('{"callback_url":["https://hooks.example.com/x"]}'),
      'body/callback_url must be string',
    ],
  ])('%s: 400 naming the field', async (_what, value, message) => {
    const res = await trigger(value instanceof RawJson ? value : { max_gap: value });
    expect([res.statusCode, res.json()]).toEqual([400, { error: 'Bad Request', message }]);
  });

  it('a body over the route limit: 413 before the field is read', async () => {
    const res = await trigger({ max_gap: `${'9'.repeat(20_000)}s` });
    expect([res.statusCode, res.json()]).toEqual([
      413,
      { error: 'Payload Too Large', message: "the request body is over this route's limit of 16384 bytes" },
    ]);
  });

  it.each<[string, string, string]>([
    ['spaces around', ' 2h ', '2h'],
    ['ISO minutes', 'PT90M', '1h30m'],
    ['one second', '1s', '1s'],
    ['every unit', '1w1d1h1m1s', '1w1d1h1m1s'],
    ['ISO weeks', 'P2W', '2w'],
    ['the largest week count a double holds exactly', '9999999w', '9999999w'],
  ])('%s (%j): 202, listed as the duration it means', async (_what, text, listed) => {
    const res = await trigger({ max_gap: text });
    expect(res.statusCode).toBe(202);
    expect((await app.inject({ url: `/reports/${res.json().report_id}` })).json().max_gap).toBe(listed);
  });
});

// --- Idempotency-Key

/** POST /trigger_report over a socket with `header` as sent, byte for byte: what inject() cannot send. */
async function rawTrigger(header: Buffer): Promise<{ status: number; body: string }> {
  if (app.server.address() === null) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        Buffer.concat([
          Buffer.from('POST /trigger_report HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n'),
          header,
          Buffer.from('Content-Length: 2\r\nConnection: close\r\n\r\n{}'),
        ]),
      );
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  const [head, ...rest] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') };
}

const KEY_REFUSAL = {
  error: 'Bad Request',
  message: 'headers/idempotency-key must be 1 to 255 printable ASCII characters without spaces',
};

/** Where the API keeps a key: under the queue prefix, by its hash. */
const redisKeyOf = (key: string): string =>
  `${env.prefix}:idempotency:${createHash('sha256').update(key).digest('hex')}`;

async function idempotencyEntries(): Promise<string[]> {
  return (await keysOf(env.prefix)).filter((k) => k.startsWith(`${env.prefix}:idempotency:`)).sort();
}

/** Printable ASCII heavy in Redis's own syntax: key separators, cluster hash tags, glob characters. */
const validKey = fc
  .array(
    fc.oneof(
      fc.constantFrom(':', '{', '}', '*', '?', '[', ']', '\\', '"', "'", '%', '$', '~'),
      fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((parts) => parts.join('').slice(0, 255))
  .filter((key) => key.length > 0);

describe('Idempotency-Key', () => {
  it.each<[string, string | string[]]>([
    ['empty', ''],
    ['a space', ' '],
    ['a space inside', 'two words'],
    ['a tab', 'a\tb'],
    ['256 characters', 'k'.repeat(256)],
    ['a megabyte', 'k'.repeat(1024 * 1024)],
    ['non-ASCII', 'cl\u00e9'],
    ['an emoji', 'key-\u{1F600}'],
    ['a NUL', 'a\u0000b'],
    ['an escape', 'a\u001b[2Jb'],
    ['DEL', 'a\u007fb'],
    ['a line break', 'a\nb'],
  ])('%s: 400 naming the header, and nothing kept', async (_what, key) => {
    const before = await idempotencyEntries();
    const res = await trigger({}, { 'idempotency-key': key });
    expect([res.statusCode, res.json()]).toEqual([400, KEY_REFUSAL]);
    expect(await idempotencyEntries()).toEqual(before);
  });

  it('random keys full of Redis syntax: each its own hashed entry, replayed by itself alone', async () => {
    const before = await idempotencyEntries();
    const seen = new Map<string, string>();
    await fc.assert(
      fc.asyncProperty(validKey, fc.constantFrom('nearest', 'forward'), async (key, policy) => {
        const first = await trigger({ policy }, { 'idempotency-key': key });
        const known = seen.get(key);
        if (known !== undefined) {
          // A key seen before with the other policy is a conflict; with the same, a replay.
          expect(first.statusCode === 202 ? first.json().report_id : first.statusCode).toBe(
            known.endsWith(policy) ? known.split('|')[0] : 409,
          );
          return;
        }
        expect(first.statusCode).toBe(202);
        expect(first.headers['idempotent-replayed']).toBeUndefined();
        const reportId = first.json().report_id as string;
        seen.set(key, `${reportId}|${policy}`);
        const entry = JSON.parse((await app.redis.get(redisKeyOf(key))) ?? 'null');
        expect(entry?.reportId).toBe(reportId);
        const again = await trigger({ policy }, { 'idempotency-key': key });
        expect([again.statusCode, again.json().report_id, again.headers['idempotent-replayed']]).toEqual([
          202,
          reportId,
          'true',
        ]);
      }),
      { numRuns: 200 },
    );
    // One entry per distinct key, each named by a hash and nothing of the key's own text.
    const entries = (await idempotencyEntries()).filter((entry) => !before.includes(entry));
    expect(entries).toEqual([...seen.keys()].map(redisKeyOf).sort());
    for (const entry of entries) expect(entry).toMatch(new RegExp(`^${env.prefix}:idempotency:[0-9a-f]{64}$`));
    const reportIds = new Set([...seen.values()].map((v) => v.split('|')[0]));
    expect(reportIds.size).toBe(seen.size);
  }, 120_000);

  // The HTTP parser refuses a control character before the route sees it.
  it.each<[string, Buffer, object]>([
    [
      'sent twice (Node joins them with ", ")',
      Buffer.from('Idempotency-Key: a\r\nIdempotency-Key: b\r\n'),
      KEY_REFUSAL,
    ],
    ['in UTF-8', Buffer.from('Idempotency-Key: cl\u00e9\r\n', 'utf8'), KEY_REFUSAL],
    [
      'holding a control character',
      Buffer.from('Idempotency-Key: a\u0001b\r\n', 'latin1'),
      { error: 'Bad Request', message: 'the request is not valid HTTP' },
    ],
  ])('over HTTP, a key %s: 400, and nothing kept', async (_what, header, answer) => {
    const before = await idempotencyEntries();
    const { status, body } = await rawTrigger(header);
    expect([status, JSON.parse(body)]).toEqual([400, answer]);
    expect(await idempotencyEntries()).toEqual(before);
  });

  it('a max_gap spelt another way is the same request; one second more is another', async () => {
    const key = `gap-${Date.now()}`;
    const first = await trigger({ max_gap: ' 2h ' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(202);
    for (const same of ['PT120M', '7200s', '1h60m', 'P0DT2H']) {
      const res = await trigger({ max_gap: same }, { 'idempotency-key': key });
      expect([same, res.statusCode, res.json().report_id]).toEqual([same, 202, first.json().report_id]);
    }
    const other = await trigger({ max_gap: '2h1s' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(409);
  });

  it('keys that would name another entry if used raw do not reach it', async () => {
    const original = 'order-42';
    const first = await trigger({ policy: 'nearest' }, { 'idempotency-key': original });
    expect(first.statusCode).toBe(202);
    const hash = createHash('sha256').update(original).digest('hex');
    // Each is another key: a new report each, never the first one's replay or a 409 against it.
    const lookalikes = [
      hash,
      `idempotency:${hash}`,
      `${env.prefix}:idempotency:${hash}`,
      `{${env.prefix}}:idempotency:${hash}`,
      `${original}:`,
      `:${original}`,
      `{${original}}`,
      `${original}*`,
      'order-4?',
      'order-4[0-9]',
    ];
    const ids = new Set<string>([first.json().report_id]);
    for (const key of lookalikes) {
      const res = await trigger({ policy: 'forward' }, { 'idempotency-key': key });
      expect([key, res.statusCode, res.headers['idempotent-replayed']]).toEqual([key, 202, undefined]);
      ids.add(res.json().report_id);
    }
    expect(ids.size).toBe(lookalikes.length + 1);
    // The original is untouched: still its own report, still replayed.
    const again = await trigger({ policy: 'nearest' }, { 'idempotency-key': original });
    expect([again.statusCode, again.json().report_id]).toEqual([202, first.json().report_id]);
    expect(await idempotencyEntries()).toEqual(expect.arrayContaining([...lookalikes, original].map(redisKeyOf)));
  });
});
