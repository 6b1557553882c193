import fc from 'fast-check';
import type { Reject } from '@store-monitor/csv';
import { drawSpecialCase, readerKeeps, storedSpecialDays } from '../../../packages/csv/test/support/special-rows';
import { useTestApp } from './support/test-env';
import { uploadRequests } from './support/upload-requests';

/**
 * POST /special_hours against hostile bodies. docs/api.md promises a body "loaded whole or not at
 * all" in one transaction: a body that is malformed as a whole (a JSON type, a shape, a missing
 * column, a body over the limit) is a 4xx `{error, message}` naming what is wrong, and stores
 * nothing; a well-formed body stores exactly its good rows and lists each bad one by line (CSV) or
 * index (JSON) with its reason. What "exactly the good rows" means comes from the reader itself, run
 * on the good rows alone; the route is what is tested.
 */
const BODY_LIMIT = 512 * 1024;
const { app } = useTestApp({ bodyLimitBytes: BODY_LIMIT });
const { post, postJson } = uploadRequests('/special_hours', () => app);

let run = 0;
/** A store-id prefix of its own for each case, so that what it stored can be told apart. */
const newPrefix = (): string => `hs${++run}-`;

const storedUnder = (prefix: string) => storedSpecialDays((sql, values) => app.db.pool.query(sql, values), prefix);

describe('POST /special_hours, CSV: hostile rows among good ones', () => {
  it('stores exactly what the reader keeps of the good rows alone; each bad row listed with line and reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (gen) => {
        const prefix = newPrefix();
        const { hostile, goodOnly, read } = drawSpecialCase(gen, prefix, 40);
        const res = await app.inject({
          method: 'POST',
          url: '/special_hours',
          payload: hostile.bytes,
          headers: { 'content-type': 'text/csv' },
        });
        expect(res.statusCode).toBe(200);
        const answer = res.json();
        const expected = await readerKeeps(goodOnly);
        expect(expected.rejects).toEqual([]);
        expect({ read: answer.read, inserted: answer.inserted, rejected: answer.rejected }).toEqual({
          read,
          inserted: expected.kept.length,
          rejected: hostile.expectedRejects.length,
        });
        expect(answer.rejects.map((r: Reject) => [r.line, r.reason])).toEqual(hostile.expectedRejects);
        expect(await storedUnder(prefix)).toEqual(expected.kept);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  }, 120_000);
});

describe('POST /special_hours: a rejected row changes nothing stored', () => {
  it('a date whose only row is bad keeps its rows; a date with a good row among bad ones gets the good row alone', async () => {
    const prefix = newPrefix();
    const header = 'store_id,date,start_time_local,end_time_local';
    const first = await post(`${header}\n${prefix}a,2024-12-24,09:00,12:00\n${prefix}a,2024-12-25,,\n`, 'text/csv');
    expect(first.json()).toMatchObject({ inserted: 2, rejected: 0 });
    const before = await storedUnder(prefix);
    const onlyBad = await post(
      `${header}\n${prefix}a,2024-12-24,09:00,25:00\n${prefix}a,2024-12-25,10:00,\n`,
      'text/csv',
    );
    expect(onlyBad.json()).toMatchObject({ read: 2, inserted: 0, rejected: 2 });
    expect(await storedUnder(prefix)).toEqual(before);
    const mixed = await post(
      `${header}\n${prefix}a,2024-12-24,09:00,25:00\n${prefix}a,2024-12-24,13:00,14:00\n${prefix}a,2024-12-24,24:00,14:00\n`,
      'text/csv',
    );
    expect(mixed.json()).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(await storedUnder(prefix)).toEqual(
      (await readerKeeps(Buffer.from(`${header}\n${prefix}a,2024-12-24,13:00,14:00\n${prefix}a,2024-12-25,,\n`))).kept,
    );
  });
});

// --- JSON rows: good and bad values

/** Field values of every kind: good, bad, empty, null, left out, and strings JSON carries that CSV files rarely do. */
const dateValue = fc.constantFrom(
  '2024-12-25',
  '2024-02-29',
  '2024-02-30',
  '2024-1-8',
  '',
  ' ',
  null,
  undefined,
  '\u0000',
);
const timeValue = fc.constantFrom('09:00', '22:00:00', '24:00', '25:00', '9am', '', null, undefined, '12:00\n');
const idSuffix = fc.constantFrom('', '"', ',', '\n', '\r\n', '\u2028', '\u00e9', '\ud800', '\u0000', ' padded ');

function jsonRow(prefix: string, i: number) {
  return fc
    .record({
      id: fc.oneof(
        { arbitrary: idSuffix.map((s) => `${prefix}j${i % 3}${s}`), weight: 8 },
        { arbitrary: fc.constantFrom(null, undefined, ''), weight: 1 },
      ),
      date: dateValue,
      start: timeValue,
      end: timeValue,
    })
    .map(({ id, date, start, end }) => {
      const row: Record<string, string | null> = {};
      if (id !== undefined) row.store_id = id;
      if (date !== undefined) row.date = date;
      if (start !== undefined) row.start_time_local = start;
      if (end !== undefined) row.end_time_local = end;
      return row;
    });
}

/**
 * The reject a JSON row must get: a store_id or date left out or null is "missing" (the route's
 * own words); anything else is what the reader says of the row as one CSV line.
 */
async function expectedJsonOutcome(row: Record<string, string | null>, index: number) {
  const missing = ['store_id', 'date'].filter((f) => row[f] === undefined || row[f] === null);
  const line = ['store_id', 'date', 'start_time_local', 'end_time_local']
    .map((f) => `"${String(row[f] ?? '').replace(/"/g, '""')}"`)
    .join(',');
  const { kept, rejects } = await readerKeeps(
    Buffer.from(`store_id,date,start_time_local,end_time_local\n${line}\n`, 'utf8'),
  );
  if (missing.length > 0)
    return {
      kept: [],
      reason: `special_hours[${index}]: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
    };
  return { kept, reason: rejects.length === 0 ? undefined : `special_hours[${index}]: ${rejects[0].reason}` };
}

describe('POST /special_hours, JSON: good and bad rows', () => {
  it('stores exactly the good rows; each bad one listed by index with its reason and the row as sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.gen(), async (n, gen) => {
        const prefix = newPrefix();
        const rows = Array.from({ length: n }, (_, i) => gen(jsonRow, prefix, i));
        const res = await postJson({ special_hours: rows });
        expect(res.statusCode).toBe(200);
        const outcomes = await Promise.all(rows.map((row, i) => expectedJsonOutcome(row, i)));
        const expectedRejects = outcomes.flatMap((o, i) =>
          o.reason === undefined ? [] : [{ index: i, reason: o.reason, raw: JSON.stringify(rows[i]) }],
        );
        expect(res.json().rejects).toEqual(expectedRejects);
        expect(res.json().read).toBe(n);
        expect(await storedUnder(prefix)).toEqual(outcomes.flatMap((o) => o.kept).sort());
      }),
      { numRuns: 40, endOnFailure: true },
    );
  }, 120_000);
});

// --- bodies wrong as a whole: a 4xx naming what is wrong, and nothing stored

const good = (prefix: string, i: number) => ({
  store_id: `${prefix}${i}`,
  date: '2024-12-25',
  start_time_local: '09:00',
  end_time_local: '13:00',
});

describe('POST /special_hours: bodies wrong as a whole store nothing', () => {
  it.each<[string, (p: string) => string, string]>([
    [
      'a number as a date after good rows',
      (p) => JSON.stringify({ special_hours: [good(p, 1), good(p, 2), { ...good(p, 3), date: 20241225 }] }),
      'body/special_hours/2/date must be string,null',
    ],
    [
      'a boolean as a time',
      (p) => JSON.stringify({ special_hours: [good(p, 1), { ...good(p, 2), end_time_local: true }] }),
      'body/special_hours/1/end_time_local must be string,null',
    ],
    [
      'a store id as a 64-bit number',
      (p) => `{"special_hours":[${JSON.stringify(good(p, 1))},{"store_id":1481966498820158979,"date":"2024-12-25"}]}`,
      'body/special_hours/1/store_id must be string,null',
    ],
    [
      'an array as a field',
      (p) => JSON.stringify({ special_hours: [good(p, 1), { ...good(p, 2), date: ['2024-12-25'] }] }),
      'body/special_hours/1/date must be string,null',
    ],
    [
      'an unknown field',
      (p) => JSON.stringify({ special_hours: [good(p, 1), { ...good(p, 2), closed: true }] }),
      'body/special_hours/1/closed is not a known field',
    ],
    [
      'a row that is not an object',
      (p) => JSON.stringify({ special_hours: [good(p, 1), '2024-12-25'] }),
      'body/special_hours/1 must be object',
    ],
    [
      'rows deeply nested',
      (p) => `{"special_hours":[${JSON.stringify(good(p, 1))},${'['.repeat(50_000)}${']'.repeat(50_000)}]}`,
      'body/special_hours/1 must be object',
    ],
    [
      'a field deeply nested',
      (p) =>
        `{"special_hours":[${JSON.stringify(good(p, 1))},{"date":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}]}`,
      'body/special_hours/1/date must be string,null',
    ],
    [
      'special_hours as an object',
      (p) => JSON.stringify({ special_hours: { 0: good(p, 1) } }),
      'body/special_hours must be array',
    ],
    [
      'an unknown top-level field after the rows',
      (p) => JSON.stringify({ special_hours: [good(p, 1)], extra: 1 }),
      'body/extra is not a known field',
    ],
    ['the wrong array key', (p) => JSON.stringify({ business_hours: [good(p, 1)] }), 'body/special_hours is required'],
    [
      'JSON cut short',
      (p) => JSON.stringify({ special_hours: [good(p, 1), good(p, 2)] }).slice(0, -3),
      "Body is not valid JSON but content-type is set to 'application/json'",
    ],
    [
      '__proto__',
      (p) => `{"special_hours":[${JSON.stringify(good(p, 1))}],"__proto__":{"admin":true}}`,
      "Body is not valid JSON but content-type is set to 'application/json'",
    ],
  ])('JSON with %s: 400, exactly', async (_what, body, message) => {
    const prefix = newPrefix();
    const res = await post(body(prefix), 'application/json');
    expect([res.statusCode, res.json()]).toEqual([400, { error: 'Bad Request', message }]);
    expect(await storedUnder(prefix)).toEqual([]);
  });

  it.each<[string, (p: string) => string, string]>([
    [
      'no date column',
      (p) => `store_id,day,start_time_local,end_time_local\n${p}1,2024-12-25,,\n`,
      'the special hours CSV: missing column "date" (header has: "store_id", "day", "start_time_local", "end_time_local")',
    ],
    [
      'a header of one huge field',
      (p) => `${'h'.repeat(300_000)}\n${p}1,2024-12-25,,\n`,
      `the special hours CSV: missing columns "store_id", "date", "start_time_local", "end_time_local" (header has: "${'h'.repeat(40)}\u2026")`,
    ],
  ])('CSV with %s: 400, exactly', async (_what, body, message) => {
    const prefix = newPrefix();
    const res = await post(body(prefix), 'text/csv');
    expect([res.statusCode, res.json()]).toEqual([400, { error: 'Bad Request', message }]);
    expect(await storedUnder(prefix)).toEqual([]);
  });

  it.each<[string, string, number, string]>([
    ['text/plain', 'text/plain', 415, 'POST /special_hours takes text/csv or application/json; got text/plain'],
    ['no type', '', 415, 'POST /special_hours takes text/csv or application/json; got no Content-Type'],
    [
      'multipart',
      'multipart/form-data; boundary=x',
      415,
      'POST /special_hours takes text/csv or application/json; got multipart/form-data; boundary=x',
    ],
    [
      'CSV in Latin-1',
      'text/csv; charset=latin1',
      415,
      'POST /special_hours takes UTF-8 bodies (charset utf-8 or us-ascii, or none); got charset latin1',
    ],
  ])('%s (Content-Type %j): %i, and nothing stored', async (_what, type, status, message) => {
    const prefix = newPrefix();
    const res = await post(`store_id,date,start_time_local,end_time_local\n${prefix}1,2024-12-25,,\n`, type);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: 'Unsupported Media Type', message });
    expect(await storedUnder(prefix)).toEqual([]);
  });

  it('an array as large as the limit allows is stored whole; one row more is 413 and stores nothing', async () => {
    const prefix = newPrefix();
    const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => good(prefix, i));
    let count = 0;
    while (JSON.stringify({ special_hours: rowsOf(count + 100) }).length <= BODY_LIMIT) count += 100;
    const over = JSON.stringify({ special_hours: rowsOf(count + 100) });
    expect(over.length).toBeGreaterThan(BODY_LIMIT);
    const refused = await post(over, 'application/json');
    expect([refused.statusCode, refused.json()]).toEqual([
      413,
      { error: 'Payload Too Large', message: `the request body is over this route's limit of ${BODY_LIMIT} bytes` },
    ]);
    expect(await storedUnder(prefix)).toEqual([]);
    const res = await postJson({ special_hours: rowsOf(count) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ read: count, inserted: count, rejected: 0 });
    expect((await storedUnder(prefix)).length).toBe(count);
  });
});
