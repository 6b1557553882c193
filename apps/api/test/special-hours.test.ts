import { useTestApp } from './support/test-env';
import { itAnswers400, uploadRequests } from './support/upload-requests';

const { app } = useTestApp();

const { post, postJson } = uploadRequests('/special_hours', () => app);

/** A store's stored special days as `YYYY-MM-DD start-end` in minutes after local midnight, `closed` for both null. */
async function specialDaysOf(storeId: string): Promise<string[]> {
  const rows = await app.db.pool.query<{ date: string; start_ms: number | null; end_ms: number | null }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, start_ms, end_ms FROM special_hours
     WHERE store_id = $1 ORDER BY date, start_ms NULLS FIRST, end_ms`,
    [storeId],
  );
  return rows.rows.map(({ date, start_ms: start, end_ms: end }) =>
    start === null || end === null ? `${date} closed` : `${date} ${Number(start) / 60_000}-${Number(end) / 60_000}`,
  );
}

describe('POST /special_hours with CSV', () => {
  const csv = [
    'store_id,date,start_time_local,end_time_local',
    'sh-1,2024-12-25,,',
    'sh-1,2024-02-30,12:00,14:00',
    'sh-1,2024-12-24,09:00,13:00',
    'sh-1,2024-12-31,22:00,',
    'sh-2,2024-12-31,22:00,02:00',
    'sh-2,24-12-31,10:00,11:00',
    'sh-2,2025-01-01,noon,14:00',
    '',
  ].join('\n');

  it('loads it as ingest does: good rows kept, bad ones listed with line and reason', async () => {
    const res = await post(csv, 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 7,
      inserted: 3,
      updated: 0,
      duplicates: 0,
      rejected: 4,
      rejects: [
        {
          line: 3,
          reason: 'date: "2024-02-30" is not a real date written YYYY-MM-DD',
          raw: 'sh-1,2024-02-30,12:00,14:00',
        },
        {
          line: 5,
          reason: 'end_time_local: is empty (start_time_local is not; both empty means closed)',
          raw: 'sh-1,2024-12-31,22:00,',
        },
        { line: 7, reason: 'date: "24-12-31" is not a real date written YYYY-MM-DD', raw: 'sh-2,24-12-31,10:00,11:00' },
        { line: 8, reason: 'start_time_local: "noon" is not a valid clock time', raw: 'sh-2,2025-01-01,noon,14:00' },
      ],
    });
    expect(await specialDaysOf('sh-1')).toEqual(['2024-12-24 540-780', '2024-12-25 closed']);
    expect(await specialDaysOf('sh-2')).toEqual(['2024-12-31 1320-120']);
  });

  it('counts every row as a duplicate when the same body comes again', async () => {
    expect((await post(csv, 'text/csv')).json()).toMatchObject({ read: 7, inserted: 0, duplicates: 3, rejected: 4 });
    expect(await specialDaysOf('sh-1')).toEqual(['2024-12-24 540-780', '2024-12-25 closed']);
  });

  it('replaces the rows of the dates it names for the stores it names, and leaves the rest alone', async () => {
    const res = await post('store_id,date,start_time_local,end_time_local\nsh-1,2024-12-25,10:00,12:00\n', 'text/csv');
    expect(res.json()).toEqual({ read: 1, inserted: 1, updated: 0, duplicates: 0, rejected: 0, rejects: [] });
    expect(await specialDaysOf('sh-1')).toEqual(['2024-12-24 540-780', '2024-12-25 600-720']);
    expect(await specialDaysOf('sh-2')).toEqual(['2024-12-31 1320-120']);
  });

  it('records the upload in ingestion_runs with its route as the source', async () => {
    const runs = await app.prisma.ingestionRun.findMany({ orderBy: { id: 'asc' } });
    expect(runs.map((r) => [r.source, r.read, r.inserted, r.duplicates, r.rejected])).toEqual([
      ['POST /special_hours', 7, 3, 0, 4],
      ['POST /special_hours', 7, 0, 3, 4],
      ['POST /special_hours', 1, 1, 0, 0],
    ]);
  });

  it('answers 400 naming the missing column', async () => {
    const res = await post('store_id,day,start_time_local,end_time_local\nsh-3,2024-12-25,,\n', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message:
        'the special hours CSV: missing column "date" (header has: "store_id", "day", "start_time_local", "end_time_local")',
    });
  });

  it('answers 400 for an empty body', async () => {
    const res = await post('', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: 'the special hours CSV is empty: it has no header row',
    });
  });

  it('answers 415 naming the two types it takes', async () => {
    const res = await post(csv, 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      error: 'Unsupported Media Type',
      message: 'POST /special_hours takes text/csv or application/json; got text/plain',
    });
  });
});

describe('POST /special_hours with JSON', () => {
  it('takes "" or null or no times at all as closed; a reject names its index and the row as sent', async () => {
    const res = await postJson({
      special_hours: [
        { store_id: 'sj-1', date: '2024-12-24', start_time_local: '09:00', end_time_local: '13:00' },
        { store_id: 'sj-1', date: '2024-12-25', start_time_local: '', end_time_local: '' },
        { store_id: 'sj-1', date: '2024-12-26', start_time_local: null, end_time_local: null },
        { store_id: 'sj-1', date: '2024-12-27' },
        { store_id: 'sj-1', date: '2024-12-28', start_time_local: '09:00', end_time_local: null },
        { store_id: 'sj-1', date: '2024-12-29', end_time_local: '17:00' },
        { store_id: 'sj-2', date: null, start_time_local: null, end_time_local: null },
        { store_id: 'sj-2', date: '2023-02-29', start_time_local: null },
        { date: '2024-12-25' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 9,
      inserted: 4,
      updated: 0,
      duplicates: 0,
      rejected: 5,
      rejects: [
        {
          index: 4,
          reason: 'special_hours[4]: end_time_local: is empty (start_time_local is not; both empty means closed)',
          raw: '{"store_id":"sj-1","date":"2024-12-28","start_time_local":"09:00","end_time_local":null}',
        },
        {
          index: 5,
          reason: 'special_hours[5]: start_time_local: is empty (end_time_local is not; both empty means closed)',
          raw: '{"store_id":"sj-1","date":"2024-12-29","end_time_local":"17:00"}',
        },
        {
          index: 6,
          reason: 'special_hours[6]: date is missing',
          raw: '{"store_id":"sj-2","date":null,"start_time_local":null,"end_time_local":null}',
        },
        {
          index: 7,
          reason: 'special_hours[7]: date: "2023-02-29" is not a real date written YYYY-MM-DD',
          raw: '{"store_id":"sj-2","date":"2023-02-29","start_time_local":null}',
        },
        { index: 8, reason: 'special_hours[8]: store_id is missing', raw: '{"date":"2024-12-25"}' },
      ],
    });
    expect(await specialDaysOf('sj-1')).toEqual([
      '2024-12-24 540-780',
      '2024-12-25 closed',
      '2024-12-26 closed',
      '2024-12-27 closed',
    ]);
    expect(await specialDaysOf('sj-2')).toEqual([]);
  });

  itAnswers400(postJson, [
    [{ special_hours: [{ store_id: 'x', date: 20241225 }] }, 'body/special_hours/0/date must be string,null'],
    [
      { special_hours: [{ store_id: 'x', date: '2024-12-25', start_time_local: 9 }] },
      'body/special_hours/0/start_time_local must be string,null',
    ],
    [
      { special_hours: [{ store_id: 'x', date: '2024-12-25', closed: true }] },
      'body/special_hours/0/closed is not a known field',
    ],
    [{ business_hours: [] }, 'body/special_hours is required'],
  ]);
});
