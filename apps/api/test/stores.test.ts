import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReportRow, REPORT_COLUMNS, reportColumns, reportHeader, type ReportRow } from '@store-monitor/engine';
import { useTestApp } from './support/test-env';

const { env, app } = useTestApp();

const row = (store_id: string, up: [number, number, number], down: [number, number, number]): ReportRow => ({
  store_id,
  uptime_last_hour: up[0],
  uptime_last_day: up[1],
  uptime_last_week: up[2],
  downtime_last_hour: down[0],
  downtime_last_day: down[1],
  downtime_last_week: down[2],
});

/**
 * Store ids whose byte order is not JavaScript's: 'B' < 'a' < 'é' < '\uFFFD' < '😀' in UTF-8 bytes,
 * while '😀' (a surrogate pair) sorts before '\uFFFD' in UTF-16. Ties in downtime_last_week (8 and
 * 13.17) and in uptime_last_hour (60). In the report's file order (byte order), as a worker writes it.
 */
const ROWS: ReportRow[] = [
  row('10', [60, 20, 150], [0, 4, 18]),
  row('9', [60, 23.5, 160], [0, 0.5, 8]),
  row('B', [15, 0, 0.83], [45, 3, 8]),
  row('a, "quoted" store', [42.5, 9, 60], [17.5, 3, 24]),
  row('ab12', [0, 14.5, 98.83], [60, 1.5, 13.17]),
  row('é', [30, 12, 100], [30, 12, 13.17]),
  row('\uFFFD', [60, 24, 168], [0, 0, 0]),
  row('😀', [0, 0, 0], [0, 0, 0]),
];
const IDS = ROWS.map((r) => r.store_id);

/** A complete report with these rows in its file, as the worker leaves it. */
async function completeReport(rows: ReportRow[], maxGapMs: number | null = null): Promise<string> {
  const { id } = await app.reports.create({ asOf: null, policy: 'nearest', maxGapMs });
  await app.reports.markRunning(id);
  await app.reports.setNow(id, Date.UTC(2024, 3, 7, 0, 29, 26) + 217.913);
  const path = join(env.reportsDir, `${id}.csv`);
  writeFileSync(path, `${[reportHeader(maxGapMs !== null), ...rows.map(formatReportRow)].join('\n')}\n`);
  await app.reports.markComplete(id, { rowCount: rows.length, filePath: path });
  return id;
}

let reportId: string;
beforeAll(async () => {
  reportId = await completeReport(ROWS);
});

async function page(query: string) {
  const res = await app.inject({ method: 'GET', url: `/stores?${query}` });
  return { status: res.statusCode, body: res.json() };
}
const idsOf = (body: { rows: ReportRow[] }) => body.rows.map((r) => r.store_id);

describe('GET /stores: a complete report a page at a time', () => {
  it('answers every row in store_id byte order by default, with the columns, limit 50 and offset 0', async () => {
    const { status, body } = await page(`report_id=${reportId}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      report_id: reportId,
      total: 8,
      offset: 0,
      limit: 50,
      columns: [...REPORT_COLUMNS],
      rows: ROWS,
    });
  });

  it('takes the report id in upper case, answering it as stored', async () => {
    const { status, body } = await page(`report_id=${reportId.toUpperCase()}&limit=1`);
    expect(status).toBe(200);
    expect(body.report_id).toBe(reportId);
  });

  it('sorts store_id descending in reverse byte order', async () => {
    const { body } = await page(`report_id=${reportId}&sort=store_id&order=desc`);
    expect(idsOf(body)).toEqual([...IDS].reverse());
  });

  it('sorts by a duration, ties in store_id order both ways', async () => {
    const desc = await page(`report_id=${reportId}&sort=downtime_last_week&order=desc`);
    expect(idsOf(desc.body)).toEqual(['a, "quoted" store', '10', 'ab12', 'é', '9', 'B', '\uFFFD', '😀']);
    const asc = await page(`report_id=${reportId}&sort=downtime_last_week`);
    expect(idsOf(asc.body)).toEqual(['\uFFFD', '😀', '9', 'B', 'ab12', 'é', '10', 'a, "quoted" store']);
  });

  it.each(reportColumns(false).filter((c) => c !== 'store_id'))('sorts by %s exactly', async (column) => {
    const { body } = await page(`report_id=${reportId}&sort=${column}&order=desc&limit=1000`);
    const values = body.rows.map((r: Record<string, number>) => r[column]);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    expect(body.rows).toHaveLength(8);
  });

  it('pages: limit and offset cut the sorted rows, total counts them all', async () => {
    const sorted = (await page(`report_id=${reportId}&sort=uptime_last_week`)).body.rows;
    const pages = [];
    for (let offset = 0; offset < 8; offset += 3) {
      const { body } = await page(`report_id=${reportId}&sort=uptime_last_week&limit=3&offset=${offset}`);
      expect(body).toMatchObject({ total: 8, offset, limit: 3 });
      pages.push(...body.rows);
    }
    expect(pages).toEqual(sorted);
    expect(pages.map((r: ReportRow) => r.store_id)).toEqual([
      '😀',
      'B',
      'a, "quoted" store',
      'ab12',
      'é',
      '10',
      '9',
      '\uFFFD',
    ]);
    const past = await page(`report_id=${reportId}&offset=8`);
    expect(past.body).toMatchObject({ total: 8, offset: 8, rows: [] });
  });

  it('filters by a store id substring, in any case, before paging', async () => {
    const { body } = await page(`report_id=${reportId}&q=A&sort=uptime_last_day`);
    expect(body.total).toBe(2);
    expect(idsOf(body)).toEqual(['a, "quoted" store', 'ab12']);
    const quoted = await page(`report_id=${reportId}&q=${encodeURIComponent('"quoted"')}`);
    expect(idsOf(quoted.body)).toEqual(['a, "quoted" store']);
    const none = await page(`report_id=${reportId}&q=zzz`);
    expect(none.body).toMatchObject({ total: 0, rows: [] });
    const empty = await page(`report_id=${reportId}&q=`);
    expect(empty.body.total).toBe(8);
  });

  it('gives a report with a max gap its ten columns, and sorts by an unknown column', async () => {
    const withUnknown = ROWS.slice(0, 3).map((r, i) => ({
      ...r,
      unknown_last_hour: 0,
      unknown_last_day: 0,
      unknown_last_week: [5, 0.5, 12][i],
    }));
    const id = await completeReport(withUnknown, 2 * 3600e3);
    const { status, body } = await page(`report_id=${id}&sort=unknown_last_week&order=desc`);
    expect(status).toBe(200);
    expect(body.columns).toEqual([...reportColumns(true)]);
    expect(body.rows).toEqual([withUnknown[2], withUnknown[0], withUnknown[1]]);
  });

  it('answers an empty report as no rows', async () => {
    const id = await completeReport([]);
    expect((await page(`report_id=${id}`)).body).toEqual({
      report_id: id,
      total: 0,
      offset: 0,
      limit: 50,
      columns: [...REPORT_COLUMNS],
      rows: [],
    });
  });
});

describe('GET /stores keeps the rows of the last 4 reports it read', () => {
  it('serves them again without the file, until 4 other reports have been read since', async () => {
    const first = await completeReport(ROWS.slice(0, 2));
    const expected = (await page(`report_id=${first}`)).body;
    rmSync(join(env.reportsDir, `${first}.csv`));
    expect(await page(`report_id=${first}&sort=uptime_last_day`)).toEqual({ status: 200, body: expected });
    for (let i = 0; i < 4; i++)
      expect((await page(`report_id=${await completeReport(ROWS.slice(i, i + 1))}`)).status).toBe(200);
    expect((await page(`report_id=${first}`)).status).toBe(500);
  });

  it('reads the record every time: a report removed since is not served', async () => {
    const id = await completeReport(ROWS.slice(0, 1));
    expect((await page(`report_id=${id}`)).status).toBe(200);
    // No route removes a complete report; an operator's DELETE would.
    await app.db.pool.query('DELETE FROM reports WHERE id = $1', [id]);
    expect((await page(`report_id=${id}`)).status).toBe(404);
  });
});

describe('GET /stores refusals', () => {
  const ALLOWED =
    'store_id, uptime_last_hour, uptime_last_day, uptime_last_week, downtime_last_hour, downtime_last_day, downtime_last_week';

  // [what the title shows, the query, the message]
  it.each([
    [
      'sort=bogus',
      'sort=bogus',
      `querystring/sort must be one of ${ALLOWED}, unknown_last_hour, unknown_last_day, unknown_last_week; got "bogus"`,
    ],
    ['order=up', 'order=up', 'querystring/order must be one of asc, desc; got "up"'],
    ['limit=0', 'limit=0', 'querystring/limit must be >= 1'],
    ['limit=1001', 'limit=1001', 'querystring/limit must be <= 1000'],
    ['limit=ten', 'limit=ten', 'querystring/limit must be integer'],
    ['offset=-1', 'offset=-1', 'querystring/offset must be >= 0'],
    ['a q of 1001 characters', `q=${'x'.repeat(1001)}`, 'querystring/q must NOT have more than 1000 characters'],
  ])('refuses %s with 400 naming the field', async (_title, query, message) => {
    const { status, body } = await page(`report_id=${reportId}&${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'Bad Request', message });
  });

  it('refuses an unknown column of a report without max_gap, naming it and the columns it has', async () => {
    const { status, body } = await page(`report_id=${reportId}&sort=unknown_last_week`);
    expect(status).toBe(400);
    expect(body).toEqual({
      error: 'Bad Request',
      message: `querystring/sort unknown_last_week is not a column of this report (it has no max_gap); sort by one of ${ALLOWED}`,
    });
  });

  it.each(['report_id=42', 'report_id=', '', 'report_id=../../etc/passwd&sort=bogus'])(
    'answers %s with Invalid report_id before anything else',
    async (query) => {
      const { status, body } = await page(query);
      expect(status).toBe(400);
      expect(body).toEqual({
        error: 'Invalid report_id',
        message: 'querystring/report_id must be a report id (a uuid)',
      });
    },
  );

  it('answers 404 for a report that does not exist', async () => {
    const id = '5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07';
    const { status, body } = await page(`report_id=${id}`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'Not Found', message: `no report with id ${id}` });
  });

  it('answers 409 while a report is queued or running, and for a failed one', async () => {
    const queued = await app.reports.create({ asOf: null, policy: 'nearest' });
    expect(await page(`report_id=${queued.id}`)).toEqual({
      status: 409,
      body: {
        error: 'Conflict',
        message: `report ${queued.id} is Queued (0%); its rows can be paged once it is Complete`,
      },
    });
    const running = await app.reports.create({ asOf: null, policy: 'nearest' });
    await app.reports.markRunning(running.id);
    await app.reports.setProgress(running.id, 0.375);
    expect(await page(`report_id=${running.id}`)).toEqual({
      status: 409,
      body: {
        error: 'Conflict',
        message: `report ${running.id} is Running (38%); its rows can be paged once it is Complete`,
      },
    });
    const failed = await app.reports.create({ asOf: null, policy: 'nearest' });
    await app.reports.markRunning(failed.id);
    await app.reports.markFailed(failed.id, 'no polls at or before as_of');
    expect(await page(`report_id=${failed.id}`)).toEqual({
      status: 409,
      body: { error: 'Conflict', message: `report ${failed.id} failed (no polls at or before as_of); it has no rows` },
    });
  });

  it('answers 500 saying so when a complete report has no file', async () => {
    const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
    await app.reports.markRunning(id);
    await app.reports.markComplete(id, { rowCount: 0, filePath: join(env.reportsDir, `${id}.csv`) });
    expect(await page(`report_id=${id}`)).toEqual({
      status: 500,
      body: {
        error: 'Report file missing',
        message: `report ${id} is complete but its file is missing from the reports directory`,
      },
    });
  });

  it('needs the API key when one is set', async () => {
    const keyed = await env.app({ apiKey: 'a-key-of-sixteen-chars' });
    const url = `/stores?report_id=${reportId}`;
    expect((await keyed.inject({ url })).statusCode).toBe(401);
    expect((await keyed.inject({ url, headers: { authorization: 'Bearer a-key-of-sixteen-chars' } })).statusCode).toBe(
      200,
    );
  });
});
