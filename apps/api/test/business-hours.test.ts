import { useTestApp } from './support/test-env';
import { itAnswers400, uploadRequests } from './support/upload-requests';

const { app } = useTestApp();

const { post, postJson } = uploadRequests('/business_hours', () => app);

/** A store's stored hours as `day start-end` in minutes after local midnight. */
async function hoursOf(storeId: string): Promise<string[]> {
  const rows = await app.prisma.businessHours.findMany({ where: { storeId }, orderBy: { id: 'asc' } });
  return rows.map((r) => `${r.day} ${r.startMs / 60_000}-${r.endMs / 60_000}`);
}

describe('POST /business_hours with CSV', () => {
  const csv = [
    'store_id,dayOfWeek,start_time_local,end_time_local',
    'bh-1,0,09:00:00,17:00:00',
    'bh-1,7,09:00,17:00',
    'bh-1,1,22:00,02:00',
    'bh-2,2,24:00,10:00',
    'bh-2,3,00:00,24:00',
    '',
  ].join('\n');

  it('loads it as ingest does: good rows kept, bad ones listed with line and reason', async () => {
    const res = await post(csv, 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 5,
      inserted: 3,
      updated: 0,
      duplicates: 0,
      rejected: 2,
      rejects: [
        { line: 3, reason: 'dayOfWeek: "7" is not a weekday number 0-6', raw: 'bh-1,7,09:00,17:00' },
        { line: 5, reason: 'start_time_local: "24:00" is allowed only as an end time', raw: 'bh-2,2,24:00,10:00' },
      ],
    });
    expect(await hoursOf('bh-1')).toEqual(['0 540-1020', '1 1320-120']);
    expect(await hoursOf('bh-2')).toEqual(['3 0-1440']);
  });

  it('counts every row as a duplicate when the same body comes again', async () => {
    expect((await post(csv, 'text/csv')).json()).toMatchObject({ read: 5, inserted: 0, duplicates: 3, rejected: 2 });
  });

  it('replaces the hours of the stores it names and leaves the others alone', async () => {
    const res = await post('store_id,day,start_time_local,end_time_local\nbh-1,4,10:00,11:00\n', 'text/csv');
    expect(res.json()).toEqual({ read: 1, inserted: 1, updated: 0, duplicates: 0, rejected: 0, rejects: [] });
    expect(await hoursOf('bh-1')).toEqual(['4 600-660']);
    expect(await hoursOf('bh-2')).toEqual(['3 0-1440']);
  });

  it('records the upload in ingestion_runs with its route as the source', async () => {
    const runs = await app.prisma.ingestionRun.findMany({ orderBy: { id: 'asc' } });
    expect(runs.map((r) => [r.source, r.kind, r.read, r.inserted, r.duplicates, r.rejected])).toEqual([
      ['POST /business_hours', 'hours', 5, 3, 0, 2],
      ['POST /business_hours', 'hours', 5, 0, 3, 2],
      ['POST /business_hours', 'hours', 1, 1, 0, 0],
    ]);
  });

  it('answers 400 naming the missing column', async () => {
    const res = await post('store_id,weekday,start_time_local,end_time_local\nbh-3,0,09:00,17:00\n', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message:
        'the business hours CSV: missing column "day" or "dayOfWeek" (header has: "store_id", "weekday", "start_time_local", "end_time_local")',
    });
  });

  it('answers 400 for an empty body', async () => {
    const res = await post('', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: 'the business hours CSV is empty: it has no header row',
    });
  });

  it('answers 415 naming the two types it takes', async () => {
    const res = await post(csv, 'text/plain');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      error: 'Unsupported Media Type',
      message: 'POST /business_hours takes text/csv or application/json; got text/plain',
    });
  });
});

describe('POST /business_hours with JSON', () => {
  it('takes day or dayOfWeek, as a number or text; a reject names its index and the field as sent', async () => {
    const res = await postJson({
      business_hours: [
        { store_id: 'bj-1', dayOfWeek: 0, start_time_local: '09:00', end_time_local: '17:00' },
        { store_id: 'bj-1', day: '1', start_time_local: '09:00', end_time_local: '17:00' },
        { store_id: 'bj-1', dayOfWeek: 9, start_time_local: '09:00', end_time_local: '17:00' },
        { store_id: 'bj-1', day: 2, start_time_local: '09:00' },
        { store_id: 'bj-2', start_time_local: '09:00', end_time_local: null },
        { store_id: 'bj-2', day: '3', start_time_local: 'noon', end_time_local: '17:00' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 6,
      inserted: 2,
      updated: 0,
      duplicates: 0,
      rejected: 4,
      rejects: [
        {
          index: 2,
          reason: 'business_hours[2]: dayOfWeek: "9" is not a weekday number 0-6',
          raw: '{"store_id":"bj-1","dayOfWeek":9,"start_time_local":"09:00","end_time_local":"17:00"}',
        },
        {
          index: 3,
          reason: 'business_hours[3]: end_time_local is missing',
          raw: '{"store_id":"bj-1","day":2,"start_time_local":"09:00"}',
        },
        {
          index: 4,
          reason: 'business_hours[4]: day (or dayOfWeek) and end_time_local are missing',
          raw: '{"store_id":"bj-2","start_time_local":"09:00","end_time_local":null}',
        },
        {
          index: 5,
          reason: 'business_hours[5]: start_time_local: "noon" is not a valid clock time',
          raw: '{"store_id":"bj-2","day":"3","start_time_local":"noon","end_time_local":"17:00"}',
        },
      ],
    });
    expect(await hoursOf('bj-1')).toEqual(['0 540-1020', '1 540-1020']);
  });

  itAnswers400(postJson, [
    [
      { business_hours: [{ store_id: 'x', day: 1, dayOfWeek: 1 }] },
      'body/business_hours/0 has day and dayOfWeek: give one of them',
    ],
    [{ business_hours: [{ store_id: 'x', day: true }] }, 'body/business_hours/0/day must be integer,string,null'],
    [
      { business_hours: [{ store_id: 'x', dayOfWeek: 1.5 }] },
      'body/business_hours/0/dayOfWeek must be integer,string,null',
    ],
    [{ business_hours: [{ store_id: 12, day: 1 }] }, 'body/business_hours/0/store_id must be string,null'],
    [{ business_hours: [{ store_id: 'x', weekday: 1 }] }, 'body/business_hours/0/weekday is not a known field'],
    [{ polls: [] }, 'body/business_hours is required'],
  ]);
});
