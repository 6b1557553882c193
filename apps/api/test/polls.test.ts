import { useTestApp } from './support/test-env';
import { itAnswers400, uploadRequests } from './support/upload-requests';

const { env, app } = useTestApp();

const { postCsv, postJson } = uploadRequests('/polls', () => app);

async function pollsOf(storeId: string): Promise<Array<{ at: string; active: boolean }>> {
  const polls = await app.prisma.poll.findMany({ where: { storeId }, orderBy: { at: 'asc' } });
  return polls.map((p) => ({ at: p.at.toISOString(), active: p.active }));
}

describe('POST /polls with CSV', () => {
  const csv = [
    'timestamp_utc,store_id,status',
    '2023-01-22 12:09:39.388884 UTC,csv-1,active',
    '2023-01-22 13:09:39 UTC,csv-1,open',
    '2023-01-22 14:00:00 UTC,csv-1,INACTIVE',
    'yesterday,csv-2,active',
    '2023-01-22T15:00:00Z,csv-2,inactive',
    '',
  ].join('\n');

  it('keeps the good rows and lists the bad ones with their lines', async () => {
    const res = await postCsv(csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 5,
      inserted: 3,
      updated: 0,
      duplicates: 0,
      rejected: 2,
      rejects: [
        { line: 3, reason: 'status: "open" is not active or inactive', raw: '2023-01-22 13:09:39 UTC,csv-1,open' },
        { line: 5, reason: 'timestamp_utc: "yesterday" is not a valid timestamp', raw: 'yesterday,csv-2,active' },
      ],
    });
    expect(await pollsOf('csv-1')).toEqual([
      { at: '2023-01-22T12:09:39.388Z', active: true },
      { at: '2023-01-22T14:00:00.000Z', active: false },
    ]);
    expect(await pollsOf('csv-2')).toEqual([{ at: '2023-01-22T15:00:00.000Z', active: false }]);
  });

  it('adds nothing when the same body comes again', async () => {
    const res = await postCsv(csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ read: 5, inserted: 0, updated: 0, duplicates: 3, rejected: 2 });
    expect(await app.prisma.poll.count({ where: { storeId: { in: ['csv-1', 'csv-2'] } } })).toBe(3);
  });

  it('takes a charset parameter, a byte-order mark and CRLF line ends', async () => {
    const res = await postCsv(
      '\uFEFFstore_id,status,timestamp_utc\r\ncsv-3,active,2023-01-22 12:00:00 UTC\r\n',
      'text/csv; charset=utf-8',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ read: 1, inserted: 1, updated: 0, duplicates: 0, rejected: 0, rejects: [] });
  });

  it('lists only the first 100 rejects but counts them all', async () => {
    const bad = Array.from(
      { length: 150 },
      (_, i) => `csv-4,maybe,2023-01-22 12:00:${String(i % 60).padStart(2, '0')} UTC`,
    );
    const res = await postCsv(['store_id,status,timestamp_utc', ...bad].join('\n'));
    expect(res.statusCode).toBe(200);
    expect(res.json().rejected).toBe(150);
    expect(res.json().rejects).toHaveLength(100);
    expect(res.json().rejects[99].line).toBe(101);
  });

  it('answers 400 naming the missing column', async () => {
    const res = await postCsv('store_id,state,timestamp_utc\ncsv-5,active,2023-01-22 12:00:00 UTC\n');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: 'the polls CSV: missing column "status" (header has: "store_id", "state", "timestamp_utc")',
    });
    expect(await pollsOf('csv-5')).toEqual([]);
  });

  it('answers 400 for an empty body', async () => {
    const res = await postCsv('');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message: 'the polls CSV is empty: it has no header row' });
  });

  it('answers 415 for another content type', async () => {
    const res = await postCsv('store_id,status,timestamp_utc\n', 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      error: 'Unsupported Media Type',
      message: 'POST /polls takes text/csv or application/json; got text/plain',
    });
  });
});

describe('POST /polls with JSON', () => {
  const body = {
    polls: [
      { store_id: 'json-1', status: 'active', timestamp_utc: '2023-01-22 12:00:00 UTC' },
      { store_id: 'json-1', status: 'open', timestamp_utc: '2023-01-22 13:00:00 UTC' },
      { store_id: 'json, "2"', status: 'inactive', timestamp_utc: '2023-01-22T14:00:00+01:00' },
      { store_id: 'json-3', status: 'active' },
      { store_id: 'json-3', status: 'active', timestamp_utc: null },
      { store_id: 'json-1', status: 'Inactive', timestamp_utc: '2023-01-22 15:00:00 UTC' },
    ],
  };

  it('reads it as the equivalent CSV: good polls kept, bad ones listed by index, as sent, a missing field named', async () => {
    const res = await postJson(body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 6,
      inserted: 3,
      updated: 0,
      duplicates: 0,
      rejected: 3,
      rejects: [
        {
          index: 1,
          reason: 'polls[1]: status: "open" is not active or inactive',
          raw: '{"store_id":"json-1","status":"open","timestamp_utc":"2023-01-22 13:00:00 UTC"}',
        },
        { index: 3, reason: 'polls[3]: timestamp_utc is missing', raw: '{"store_id":"json-3","status":"active"}' },
        {
          index: 4,
          reason: 'polls[4]: timestamp_utc is missing',
          raw: '{"store_id":"json-3","status":"active","timestamp_utc":null}',
        },
      ],
    });
    expect(await pollsOf('json, "2"')).toEqual([{ at: '2023-01-22T13:00:00.000Z', active: false }]);
    expect(await pollsOf('json-1')).toEqual([
      { at: '2023-01-22T12:00:00.000Z', active: true },
      { at: '2023-01-22T15:00:00.000Z', active: false },
    ]);
  });

  it('adds nothing when the same body comes again', async () => {
    const res = await postJson(body);
    expect(res.json()).toMatchObject({ read: 6, inserted: 0, updated: 0, duplicates: 3, rejected: 3 });
  });

  it('keeps a line break inside a value in its field, and later rejects point at the right poll', async () => {
    const res = await postJson({
      polls: [
        { store_id: 'json-4\nsecond line', status: 'active', timestamp_utc: '2023-01-22 12:00:00 UTC' },
        { store_id: 'json-5', status: '?', timestamp_utc: '2023-01-22 12:00:00 UTC' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      inserted: 1,
      rejected: 1,
      rejects: [{ index: 1, reason: 'polls[1]: status: "?" is not active or inactive' }],
    });
    expect(await pollsOf('json-4\nsecond line')).toHaveLength(1);
  });

  itAnswers400(postJson, [
    [{}, 'body/polls is required'],
    // (Fastify's schema checks wrap a lone value in an array, so the string is poll 0.)
    [{ polls: 'store_id,status' }, 'body/polls/0 must be object'],
    [{ polls: { store_id: 'x' } }, 'body/polls must be array'],
    [
      { polls: [{ store_id: 'x', status: 'active', timestamp_utc: 't', extra: 1 }] },
      'body/polls/0/extra is not a known field',
    ],
    [
      { polls: [{ store_id: { id: 1 }, status: 'active', timestamp_utc: 't' }] },
      'body/polls/0/store_id must be string,null',
    ],
    [{ polls: [], more: [] }, 'body/more is not a known field'],
  ]);
});

describe('POST /polls body limit', () => {
  it('answers 413 for a body over BODY_LIMIT_BYTES, CSV or JSON', async () => {
    const small = await env.app({ bodyLimitBytes: 1024 });
    const rows = Array.from({ length: 50 }, (_, i) => `big-${i},active,2023-01-22 12:00:00 UTC`);
    const csv = ['store_id,status,timestamp_utc', ...rows].join('\n');
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024);

    const asCsv = await postCsv(csv, 'text/csv', small);
    expect(asCsv.statusCode).toBe(413);
    expect(asCsv.json()).toEqual({
      error: 'Payload Too Large',
      message: "the request body is over this route's limit of 1024 bytes",
    });
    const asJson = await postJson(
      { polls: rows.map((r) => ({ store_id: r, status: 'active', timestamp_utc: 'x' })) },
      small,
    );
    expect(asJson.statusCode).toBe(413);
    expect(await app.prisma.poll.count({ where: { storeId: { startsWith: 'big-' } } })).toBe(0);

    // Under the limit it is taken, although it is bigger than the JSON routes' limit would be.
    const roomy = await env.app({ bodyLimitBytes: 64 * 1024 });
    const more = [
      'store_id,status,timestamp_utc',
      ...Array.from({ length: 800 }, (_, i) => `big-${i},active,2023-01-22 12:00:00 UTC`),
    ].join('\n');
    expect(Buffer.byteLength(more)).toBeGreaterThan(16 * 1024);
    expect((await postCsv(more, 'text/csv', roomy)).json()).toMatchObject({ inserted: 800, rejected: 0 });
  });
});
