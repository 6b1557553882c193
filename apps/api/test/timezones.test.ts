import { useTestApp } from './support/test-env';
import { itAnswers400, uploadRequests } from './support/upload-requests';

const { app } = useTestApp();

const { post, postJson } = uploadRequests('/timezones', () => app);

async function zonesOf(...ids: string[]): Promise<Array<[string, string | null]>> {
  const stores = await app.prisma.store.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
  return stores.map((s) => [s.id, s.timeZone]);
}

describe('POST /timezones with CSV', () => {
  const csv = [
    'timezone_str,store_id',
    'America/New_York,tz-1',
    'Mars/Base,tz-2',
    'Asia/Kolkata,tz-2',
    ',tz-3',
    '',
  ].join('\n');

  it('loads it as ingest does: good rows kept, bad ones listed with line and reason', async () => {
    const res = await post(csv, 'text/csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 4,
      inserted: 2,
      updated: 0,
      duplicates: 0,
      rejected: 2,
      rejects: [
        { line: 3, reason: 'timezone_str: "Mars/Base" is not a known time zone', raw: 'Mars/Base,tz-2' },
        { line: 5, reason: 'timezone_str: is empty', raw: ',tz-3' },
      ],
    });
    expect(await zonesOf('tz-1', 'tz-2', 'tz-3')).toEqual([
      ['tz-1', 'America/New_York'],
      ['tz-2', 'Asia/Kolkata'],
    ]);
  });

  it('changes a zone that differs and counts the same one as a duplicate', async () => {
    const res = await post('store_id,timezone_str\ntz-1,America/New_York\ntz-2,Europe/Berlin\n', 'text/csv');
    expect(res.json()).toEqual({ read: 2, inserted: 0, updated: 1, duplicates: 1, rejected: 0, rejects: [] });
    expect(await zonesOf('tz-2')).toEqual([['tz-2', 'Europe/Berlin']]);
  });

  it('records the upload in ingestion_runs with its route as the source', async () => {
    const runs = await app.prisma.ingestionRun.findMany({ orderBy: { id: 'asc' } });
    expect(runs.map((r) => [r.source, r.kind, r.read, r.inserted, r.duplicates, r.rejected])).toEqual([
      ['POST /timezones', 'time zones', 4, 2, 0, 2],
      ['POST /timezones', 'time zones', 2, 0, 1, 0],
    ]);
  });

  it('answers 400 naming the missing column', async () => {
    const res = await post('store_id,zone\ntz-4,Asia/Tokyo\n', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: 'the time zones CSV: missing column "timezone_str" (header has: "store_id", "zone")',
    });
  });

  it('answers 415 naming the two types it takes', async () => {
    const res = await post('{}', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      error: 'Unsupported Media Type',
      message: 'POST /timezones takes text/csv or application/json; got application/x-www-form-urlencoded',
    });
  });
});

describe('POST /timezones with JSON', () => {
  it('loads good rows; a reject names its index and the missing field, with the row as sent', async () => {
    const res = await postJson({
      timezones: [
        { store_id: 'tj-1', timezone_str: 'Europe/Paris' },
        { store_id: 'tj-2' },
        { timezone_str: 'Europe/Paris', store_id: null },
        { store_id: 'tj-3', timezone_str: 'Europe/Nowhere' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      read: 4,
      inserted: 1,
      updated: 0,
      duplicates: 0,
      rejected: 3,
      rejects: [
        { index: 1, reason: 'timezones[1]: timezone_str is missing', raw: '{"store_id":"tj-2"}' },
        {
          index: 2,
          reason: 'timezones[2]: store_id is missing',
          raw: '{"timezone_str":"Europe/Paris","store_id":null}',
        },
        {
          index: 3,
          reason: 'timezones[3]: timezone_str: "Europe/Nowhere" is not a known time zone',
          raw: '{"store_id":"tj-3","timezone_str":"Europe/Nowhere"}',
        },
      ],
    });
    expect(await zonesOf('tj-1', 'tj-2', 'tj-3')).toEqual([['tj-1', 'Europe/Paris']]);
  });

  itAnswers400(postJson, [
    [{ timezones: [{ store_id: 'x', timezone_str: 5 }] }, 'body/timezones/0/timezone_str must be string,null'],
    [{ timezones: [{ store_id: 'x', tz: 'UTC' }] }, 'body/timezones/0/tz is not a known field'],
    [{ timezones: { store_id: 'x' } }, 'body/timezones must be array'],
    [{}, 'body/timezones is required'],
  ]);
});
