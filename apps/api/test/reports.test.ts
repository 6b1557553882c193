import { useTestApp } from './support/test-env';

/** Five reports, oldest first, in different states. */
const ids: string[] = [];

const { app } = useTestApp();

beforeAll(async () => {
  for (let i = 0; i < 5; i++) {
    const { id } = await app.reports.create({
      asOf: i === 0 ? new Date('2024-01-10T12:00:00Z') : null,
      policy: i % 2 ? 'forward' : 'nearest',
    });
    ids.push(id);
    await new Promise((resolve) => setTimeout(resolve, 5)); // distinct creation times
  }
  await app.reports.markRunning(ids[0]);
  // The now the worker fixed when it planned the report.
  await app.reports.setNow(ids[0], Date.UTC(2024, 0, 10, 12));
  await app.reports.setNow(ids[2], Date.UTC(2024, 3, 7, 0, 29, 26) + 217.913);
  await app.reports.markComplete(ids[0], { rowCount: 3, filePath: `/srv/reports/${ids[0]}.csv` });
  await app.reports.markRunning(ids[1]);
  await app.reports.markFailed(ids[1], 'boom');
  await app.reports.markRunning(ids[2]);
  await app.reports.setProgress(ids[2], 0.25);
}, 120_000);

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('GET /reports', () => {
  it('lists reports newest first, 20 by default, with the total', async () => {
    const res = await app.inject({ method: 'GET', url: '/reports' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 5, offset: 0, limit: 20 });
    expect(body.reports.map((r: { id: string }) => r.id)).toEqual([...ids].reverse());
  });

  it('pages with offset and limit', async () => {
    const res = await app.inject({ method: 'GET', url: '/reports?offset=1&limit=2' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 5, offset: 1, limit: 2 });
    expect(res.json().reports.map((r: { id: string }) => r.id)).toEqual([ids[3], ids[2]]);
    const past = await app.inject({ method: 'GET', url: '/reports?offset=10&limit=100' });
    expect(past.json()).toEqual({ reports: [], total: 5, offset: 10, limit: 100 });
  });

  it.each([
    ['limit=0', 'querystring/limit must be >= 1'],
    ['limit=101', 'querystring/limit must be <= 100'],
    ['offset=-1', 'querystring/offset must be >= 0'],
    ['offset=abc', 'querystring/offset must be integer'],
    ['limit=1.5', 'querystring/limit must be integer'],
    // ajv coerces these past type integer and the bounds (ajv-validator/ajv#2212): a 500 before.
    ['limit=Infinity', 'querystring/limit must be integer'],
    ['limit=1e999', 'querystring/limit must be integer'],
    ['offset=Infinity', 'querystring/offset must be integer'],
    ['offset=-1e999', 'querystring/offset must be integer'],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const res = await app.inject({ method: 'GET', url: `/reports?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message });
  });
});

describe('GET /reports/:id', () => {
  it("shows a complete report's record, without the server's file path", async () => {
    const res = await app.inject({ method: 'GET', url: `/reports/${ids[0]}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({
      id: ids[0],
      status: 'Complete',
      as_of: '2024-01-10T12:00:00Z',
      now: '2024-01-10T12:00:00Z',
      policy: 'nearest',
      progress: 1,
      row_count: 3,
      error: null,
      created_at: expect.stringMatching(ISO),
      started_at: expect.stringMatching(ISO),
      finished_at: expect.stringMatching(ISO),
    });
    expect(res.body).not.toContain('/srv/reports');
  });

  it('shows failed, running and queued records, spelling the status as get_report does', async () => {
    const view = async (id: string) => (await app.inject({ method: 'GET', url: `/reports/${id}` })).json();
    expect(await view(ids[1])).toMatchObject({
      status: 'Failed',
      error: 'boom',
      policy: 'forward',
      row_count: null,
      as_of: null,
      now: null,
    });
    expect(await view(ids[2])).toMatchObject({
      status: 'Running',
      progress: 0.25,
      finished_at: null,
      as_of: null,
      now: '2024-04-07T00:29:26.217913Z',
    });
    expect(await view(ids[4])).toMatchObject({
      status: 'Queued',
      progress: 0,
      started_at: null,
      finished_at: null,
      now: null,
    });
  });

  it('shows the same statuses and nows in the list', async () => {
    const listed = (await app.inject({ method: 'GET', url: '/reports' })).json().reports as Array<{
      id: string;
      status: string;
      now: string | null;
    }>;
    expect(listed.map(({ status, now }) => [status, now]).reverse()).toEqual([
      ['Complete', '2024-01-10T12:00:00Z'],
      ['Failed', null],
      ['Running', '2024-04-07T00:29:26.217913Z'],
      ['Queued', null],
      ['Queued', null],
    ]);
  });

  it('answers 404 Not Found, saying so, for an unknown id', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const res = await app.inject({ method: 'GET', url: `/reports/${id}` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'Not Found', message: `no report with id ${id}` });
  });

  it.each([
    ['not a uuid', 'abc'],
    ['path traversal', encodeURIComponent('../../etc/passwd')],
    ['SQL', encodeURIComponent("1' OR '1'='1")],
    ['huge', 'f'.repeat(5000)],
  ])('answers 400 Invalid report_id for an id that is %s', async (_what, id) => {
    const res = await app.inject({ method: 'GET', url: `/reports/${id}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Invalid report_id', message: 'the id must be a report id (a uuid)' });
  });
});

describe('a report triggered with max_gap', () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await app.reports.create({ asOf: null, policy: 'forward', maxGapMs: 5_400_000 }));
  });

  it('shows its max_gap as a duration in its record', async () => {
    const res = await app.inject({ method: 'GET', url: `/reports/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id,
      status: 'Queued',
      as_of: null,
      now: null,
      policy: 'forward',
      progress: 0,
      row_count: null,
      error: null,
      created_at: expect.stringMatching(ISO),
      started_at: null,
      finished_at: null,
      max_gap: '1h30m',
    });
  });

  it('shows it in the list, and only on that report', async () => {
    const listed = (await app.inject({ method: 'GET', url: '/reports' })).json();
    expect(listed.total).toBe(6);
    expect(listed.reports.map((r: { id: string; max_gap?: string }) => [r.id, r.max_gap])).toEqual([
      [id, '1h30m'],
      ...[...ids].reverse().map((other) => [other, undefined]),
    ]);
    expect(listed.reports.filter((r: object) => 'max_gap' in r)).toHaveLength(1);
  });
});
