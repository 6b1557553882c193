import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHours, readPolls, readSpecialHours, readTimeZones } from '@store-monitor/csv';
import { assembleStores, buildReport, formatInstant, type Policy, type Report } from '@store-monitor/engine';
import { FILE_NAMES, resolveOptions, writeDataset } from '@store-monitor/generator';
import type { FastifyInstance } from 'fastify';
import { EXAMPLE_TIMELINE, EXAMPLE_TIMELINE_QUERY } from '../src/schemas/stores';
import { TestEnvironment } from './support/test-env';

/**
 * GET /stores/{id}/timeline and /timeline.svg on data loaded through the upload routes: the
 * contract's worked examples by hand, and generated stores (special days, DST weeks, microsecond
 * polls) whose timelines must carry the engine's report row and add up to it segment by segment.
 */
const env = new TestEnvironment();
const dataDir = mkdtempSync(join(tmpdir(), 'store-monitor-api-timeline-'));
let app: FastifyInstance;

/**
 * By hand, from report-spec.md: store 1 open Mondays 09:00-17:00 in New York (active 08:50 and
 * inactive 09:50 local on 2024-01-08); store c open 24x7 in Chicago (active 08:00 and inactive
 * 11:30 UTC on 2024-01-10, the max_gap example); store "s/2" in Sydney, one poll.
 */
const HAND = {
  '/timezones': 'store_id,timezone_str\n1,America/New_York\nc,America/Chicago\ns/2,Australia/Sydney\n',
  '/business_hours': 'store_id,dayOfWeek,start_time_local,end_time_local\n1,0,09:00,17:00\n',
  '/polls':
    'store_id,status,timestamp_utc\n1,active,2024-01-08 13:50:00 UTC\n1,inactive,2024-01-08 14:50:00 UTC\n' +
    'c,active,2024-01-10 08:00:00 UTC\nc,inactive,2024-01-10 11:30:00 UTC\ns/2,active,2024-01-09 00:00:00.123456 UTC\n',
};

/** The generated files, uploaded in the order `store-monitor ingest --data` loads them. */
const GENERATED = [
  ['/timezones', FILE_NAMES.timeZones],
  ['/business_hours', FILE_NAMES.hours],
  ['/special_hours', FILE_NAMES.specialHours],
  ['/polls', FILE_NAMES.polls],
] as const;

async function upload(url: string, payload: string): Promise<void> {
  const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv' } });
  if (res.statusCode !== 200 || res.json().rejected !== 0) throw new Error(`${url}: ${res.body}`);
}

beforeAll(async () => {
  await env.setUp();
  app = await env.app({ bodyLimitBytes: 8 * 1024 * 1024 });
  for (const [url, csv] of Object.entries(HAND)) await upload(url, csv);
  // 12 stores over the European spring-forward and the Australian fall-back, 40% with special days.
  await writeDataset(dataDir, resolveOptions({ stores: 12, days: 9, seed: 13, specialDaysPercent: 40 }));
  for (const [url, file] of GENERATED) await upload(url, readFileSync(join(dataDir, file), 'utf8'));
}, 180_000);

afterAll(async () => {
  await env.tearDown();
  rmSync(dataDir, { recursive: true, force: true });
});

const timeline = (id: string, query = '') =>
  app.inject({ method: 'GET', url: `/stores/${encodeURIComponent(id)}/timeline${query && `?${query}`}` });

describe('GET /stores/{id}/timeline: the contract examples', () => {
  it('answers the documented example exactly (store 1, forward)', async () => {
    const res = await timeline('1', EXAMPLE_TIMELINE_QUERY);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual(EXAMPLE_TIMELINE);
  });

  it('with nearest, the 08:50 poll is outside business hours and no evidence: all down', async () => {
    const body = (await timeline('1', 'as_of=2024-01-08T17:00:00Z')).json();
    expect(body.policy).toBe('nearest');
    expect(body.row).toEqual({
      store_id: '1',
      uptime_last_hour: 0,
      uptime_last_day: 0,
      uptime_last_week: 0,
      downtime_last_hour: 60,
      downtime_last_day: 3,
      downtime_last_week: 8,
    });
    expect(body.polls.map((p: { evidence: boolean }) => p.evidence)).toEqual([false, true]);
    const segments = body.spans.flatMap((s: { segments: object[] }) => s.segments);
    expect(segments).toEqual([
      expect.objectContaining({ start: '2024-01-01T17:00:00Z', end: '2024-01-01T22:00:00Z', status: 'down' }),
      expect.objectContaining({ start: '2024-01-08T14:00:00Z', end: '2024-01-08T17:00:00Z', status: 'down' }),
    ]);
    for (const segment of segments) expect(segment.poll_at).toBe('2024-01-08T14:50:00Z');
  });

  it('with max_gap 1h, the 24x7 Chicago store is unknown where no poll is within an hour (report-spec.md)', async () => {
    const res = await timeline('c', 'as_of=2024-01-10 12:00:00 UTC&max_gap=1h');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.max_gap).toBe('1h');
    expect(body.as_of).toBe('2024-01-10T12:00:00Z');
    expect(body.time_zone).toBe('America/Chicago');
    expect(body.from_local).toBe('2024-01-03T06:00:00-06:00');
    expect(body.spans).toHaveLength(1);
    const cuts = body.spans[0].segments.map((s: { start: string; end: string; status: string; poll_at: string }) => [
      s.start,
      s.end,
      s.status,
      s.poll_at,
    ]);
    expect(cuts).toEqual([
      ['2024-01-03T12:00:00Z', '2024-01-10T07:00:00Z', 'unknown', null],
      ['2024-01-10T07:00:00Z', '2024-01-10T09:00:00Z', 'up', '2024-01-10T08:00:00Z'],
      ['2024-01-10T09:00:00Z', '2024-01-10T10:30:00Z', 'unknown', null],
      ['2024-01-10T10:30:00Z', '2024-01-10T12:00:00Z', 'down', '2024-01-10T11:30:00Z'],
    ]);
    expect(body.spans[0].segments[1].start_local).toBe('2024-01-10T01:00:00-06:00');
    expect(body.row).toEqual({
      store_id: 'c',
      uptime_last_hour: 0,
      uptime_last_day: 2,
      uptime_last_week: 2,
      downtime_last_hour: 60,
      downtime_last_day: 1.5,
      downtime_last_week: 1.5,
      unknown_last_hour: 0,
      unknown_last_day: 20.5,
      unknown_last_week: 164.5,
    });
  });

  it('takes the latest poll of all stores as now when there is no as_of, as a report does', async () => {
    const report = await engineReport('nearest', undefined, undefined);
    const body = (await timeline('1')).json();
    expect(body.as_of).toBeNull();
    expect(body.now).toBe(formatInstant(report.now as number));
    expect(body.row.store_id).toBe('1');
    const generated = report.rows[0];
    expect((await timeline(generated.store_id)).json().row).toEqual(generated);
  });

  it('finds a store id with a slash in it, percent-encoded, and keeps microseconds in UTC and local text', async () => {
    const res = await timeline('s/2', 'as_of=2024-01-09T00:00:00.123456Z');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      store_id: 's/2',
      now: '2024-01-09T00:00:00.123456Z',
      now_local: '2024-01-09T11:00:00.123456+11:00',
      polls: [
        {
          at: '2024-01-09T00:00:00.123456Z',
          at_local: '2024-01-09T11:00:00.123456+11:00',
          status: 'active',
          in_business_hours: true,
          evidence: true,
        },
      ],
    });
  });
});

/** The engine's report of the generated files, as `store-monitor report --data` computes it. */
async function engineReport(policy: Policy, asOf: number | undefined, maxGapMs: number | undefined): Promise<Report> {
  const path = (name: string) => join(dataDir, name);
  const [polls, hours, timeZones, special] = await Promise.all([
    readPolls(path(FILE_NAMES.polls)),
    readHours(path(FILE_NAMES.hours)),
    readTimeZones(path(FILE_NAMES.timeZones)),
    readSpecialHours(path(FILE_NAMES.specialHours)),
  ]);
  const stores = assembleStores({
    polls: polls.series,
    hours: hours.hours,
    timeZones: timeZones.timeZones,
    specialHours: special.specialHours,
  });
  return buildReport(stores, { policy, asOf, maxGapMs });
}

type Segment = { start: string; end: string; status: 'up' | 'down' | 'unknown' };
const WINDOWS = [
  ['hour', 3600e3, 60e3],
  ['day', 86400e3, 3600e3],
  ['week', 7 * 86400e3, 3600e3],
] as const;
const COLUMN_OF = { up: 'uptime', down: 'downtime', unknown: 'unknown' } as const;

/** Each window's time per status, added up from the segments, in the row's units (unrounded). */
function totalsOf(body: { now: string; spans: Array<{ segments: Segment[] }> }): Record<string, number> {
  const now = Date.parse(body.now) + microsOf(body.now);
  const totals: Record<string, number> = {};
  for (const [window, length, unit] of WINDOWS) {
    for (const status of ['up', 'down', 'unknown'] as const) totals[`${COLUMN_OF[status]}_last_${window}`] = 0;
    for (const segment of body.spans.flatMap((s) => s.segments)) {
      const start = Math.max(instantOf(segment.start), now - length);
      const end = instantOf(segment.end);
      if (end > start) totals[`${COLUMN_OF[segment.status]}_last_${window}`] += (end - start) / unit;
    }
  }
  return totals;
}

/** ms with the microseconds the ISO text carries past Date.parse's milliseconds. */
const instantOf = (text: string): number => Date.parse(text) + microsOf(text);
const microsOf = (text: string): number => Number(/\.\d{3}(\d{3})Z$/.exec(text)?.[1] ?? 0) / 1000;

describe('GET /stores/{id}/timeline on generated stores', () => {
  // One as_of before the Australian fall-back, one on it, and the latest poll itself.
  const AS_OFS = ['2024-04-02T10:00:00Z', '2024-04-06T16:30:00.5Z'];

  it.each<[Policy, string | undefined]>([
    ['nearest', undefined],
    ['forward', undefined],
    ['nearest', '2h'],
    ['forward', 'PT90M'],
  ])('policy %s, max_gap %s: every store carries its report row and its segments add up to it', async (policy, gap) => {
    const maxGapMs = gap === undefined ? undefined : gap === '2h' ? 2 * 3600e3 : 90 * 60e3;
    let compared = 0;
    for (const asOf of AS_OFS) {
      const { rows: expected } = await engineReport(policy, Date.parse(asOf), maxGapMs);
      expect(expected.length).toBeGreaterThan(0);
      for (const row of expected) {
        const query = `as_of=${asOf}&policy=${policy}${gap === undefined ? '' : `&max_gap=${gap}`}`;
        const res = await timeline(row.store_id, query);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.row).toEqual(row);
        // The segments, unrounded, are within half a hundredth of each rounded column.
        const totals = totalsOf(body);
        for (const [column, total] of Object.entries(totals)) {
          const value = (row as unknown as Record<string, number | undefined>)[column] ?? 0;
          expect(Math.abs(total - value)).toBeLessThanOrEqual(0.005 + 1e-9);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(2 * 12);
  });
});

describe('GET /stores/{id}/timeline.svg', () => {
  it("answers the store's picture as image/svg+xml, which may run nothing", async () => {
    const res = await app.inject({ url: `/stores/1/timeline.svg?${EXAMPLE_TIMELINE_QUERY}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.body).toMatch(/^(<\?xml[^>]*\?>\s*)?<svg[\s>]/);
    expect(res.body.trimEnd()).toMatch(/<\/svg>$/);
  });

  it('answers 404 and 400 as the JSON route does', async () => {
    const missing = await app.inject({ url: '/stores/nope/timeline.svg' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'Not Found', message: 'no store "nope" with a poll at or before now' });
    const bad = await app.inject({ url: '/stores/1/timeline.svg?policy=latest' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: 'Bad Request',
      message: 'querystring/policy must be one of nearest, forward; got "latest"',
    });
  });
});

describe('GET /stores/{id}/timeline refusals', () => {
  it('answers 404 for an unknown store', async () => {
    const res = await timeline('no such store');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'Not Found',
      message: 'no store "no such store" with a poll at or before now',
    });
  });

  it('answers 404 for a store whose first poll is after as_of, naming the as_of as sent', async () => {
    const res = await timeline('c', 'as_of=2024-01-09T00:00:00Z');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'Not Found',
      message: 'no store "c" with a poll at or before 2024-01-09T00:00:00Z',
    });
  });

  it.each([
    [
      'as_of=yesterday',
      'querystring/as_of must be an instant such as 2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC; got "yesterday"',
    ],
    ['policy=latest', 'querystring/policy must be one of nearest, forward; got "latest"'],
    ['max_gap=90', 'querystring/max_gap must be a positive duration such as 90m, 2h, 1h30m or PT2H; got "90"'],
    ['max_gap=0s', 'querystring/max_gap must be a positive duration such as 90m, 2h, 1h30m or PT2H; got "0s"'],
    [
      'as_of=2000-01-01T00:00:00Z',
      'as_of 2000-01-01T00:00:00Z is before the first poll: it must be from the first poll (2024-01-08T13:50:00Z) to ' +
        '1d after the latest poll',
    ],
  ])('refuses %s with 400 naming the field', async (query, message) => {
    const res = await timeline('1', query);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('Bad Request');
    expect(res.json().message.startsWith(message)).toBe(true);
  });

  it('answers odd store ids and repeated fields with 404 or 400, never 500', async () => {
    const nul = await app.inject({ url: '/stores/%00/timeline' });
    expect(nul.json()).toEqual({ error: 'Not Found', message: 'no store "\\u0000" with a poll at or before now' });
    const long = await app.inject({ url: `/stores/${'x'.repeat(5000)}/timeline` });
    expect(long.statusCode).toBe(404);
    expect(long.json().message).toBe(`no store "${'x'.repeat(99)}... with a poll at or before now`);
    const twice = await app.inject({ url: '/stores/1/timeline?as_of=2024-01-08T17:00:00Z&as_of=2024-01-08T18:00:00Z' });
    expect(twice.json()).toEqual({ error: 'Bad Request', message: 'querystring/as_of must be string' });
  });

  it('needs the API key when one is set', async () => {
    const keyed = await env.app({ apiKey: 'a-key-of-sixteen-chars' });
    for (const url of ['/stores/1/timeline', '/stores/1/timeline.svg']) {
      expect((await keyed.inject({ url })).statusCode).toBe(401);
      const res = await keyed.inject({ url, headers: { authorization: 'Bearer a-key-of-sixteen-chars' } });
      expect(res.statusCode).toBe(200);
    }
  });
});
