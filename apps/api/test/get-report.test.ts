import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReportRow, REPORT_HEADER, reportHeader, type ReportRow } from '@store-monitor/engine';
import { useTestApp } from './support/test-env';

const { env, app } = useTestApp();

const ROWS: ReportRow[] = [
  {
    store_id: '1481966498820158979',
    uptime_last_hour: 60,
    uptime_last_day: 23.5,
    uptime_last_week: 160.25,
    downtime_last_hour: 0,
    downtime_last_day: 0.5,
    downtime_last_week: 7.75,
  },
  {
    store_id: 'a, "quoted" store',
    uptime_last_hour: 15,
    uptime_last_day: 0,
    uptime_last_week: 0.83,
    downtime_last_hour: 45,
    downtime_last_day: 3,
    downtime_last_week: 8,
  },
];
const CSV = `${[REPORT_HEADER, ...ROWS.map(formatReportRow)].join('\n')}\n`;

async function getReport(query: string) {
  return app.inject({ method: 'GET', url: `/get_report?${query}` });
}

/** The now a worker fixes when it plans a report: here the sample data's latest poll, microseconds and all. */
const NOW = '2024-04-07T00:29:26.217913Z';
const NOW_MS = Date.UTC(2024, 3, 7, 0, 29, 26) + 217.913;
async function plan(id: string, nowMs = NOW_MS): Promise<void> {
  await app.reports.setNow(id, nowMs);
}

/** A report the worker finished: its record complete and its file in REPORTS_DIR. */
async function completeReport(csv: string = CSV): Promise<string> {
  const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
  await app.reports.markRunning(id);
  await plan(id);
  writeFileSync(join(env.reportsDir, `${id}.csv`), csv);
  await app.reports.markComplete(id, { rowCount: ROWS.length, filePath: join(env.reportsDir, `${id}.csv`) });
  return id;
}

describe('GET /get_report while the report is not done', () => {
  it('says Running with progress 0 for a queued report', async () => {
    const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
    const res = await getReport(`report_id=${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'Running', progress: 0, now: null });
    // Not planned yet: no now to show.
    expect(res.headers['x-report-now']).toBeUndefined();
  });

  it("says Running with the worker's progress for a running report", async () => {
    const { id } = await app.reports.create({ asOf: null, policy: 'forward' });
    await app.reports.markRunning(id);
    await plan(id, Date.UTC(2024, 0, 10, 12));
    await app.reports.setProgress(id, 0.375);
    const res = await getReport(`report_id=${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'Running', progress: 0.375, now: '2024-01-10T12:00:00Z' });
    expect(res.headers['x-report-now']).toBe('2024-01-10T12:00:00Z');
  });

  it('says Failed with the error of a failed report', async () => {
    const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
    await app.reports.markRunning(id);
    await plan(id);
    await app.reports.markFailed(id, 'no polls at or before as_of');
    const res = await getReport(`report_id=${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'Failed', error: 'no polls at or before as_of', now: NOW });
    expect(res.headers['x-report-now']).toBe(NOW);
  });
});

describe('GET /get_report for a complete report', () => {
  it('streams the CSV file as an attachment', async () => {
    const id = await completeReport();
    const res = await getReport(`report_id=${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="report-${id}.csv"`);
    expect(res.headers['x-report-status']).toBe('Complete');
    expect(res.headers['x-report-now']).toBe(NOW);
    expect(res.body).toBe(CSV);
  });

  it('gives the rows as JSON with format=json, keyed by the header, numbers as numbers', async () => {
    const id = await completeReport();
    const res = await getReport(`report_id=${id}&format=json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-report-now']).toBe(NOW);
    expect(res.json()).toEqual({
      status: 'Complete',
      now: NOW,
      rows: [
        {
          store_id: '1481966498820158979',
          uptime_last_hour: 60,
          uptime_last_day: 23.5,
          uptime_last_week: 160.25,
          downtime_last_hour: 0,
          downtime_last_day: 0.5,
          downtime_last_week: 7.75,
        },
        {
          store_id: 'a, "quoted" store',
          uptime_last_hour: 15,
          uptime_last_day: 0,
          uptime_last_week: 0.83,
          downtime_last_hour: 45,
          downtime_last_day: 3,
          downtime_last_week: 8,
        },
      ],
    });
  });

  it('keeps formula-looking store ids neutralised in the CSV and raw in the JSON', async () => {
    const ids = ['=1+2', '-5', "'x", '@SUM(A1)', 'plain'];
    const row = (id: string): ReportRow => ({
      store_id: id,
      uptime_last_hour: 1,
      uptime_last_day: 2,
      uptime_last_week: 3,
      downtime_last_hour: 4,
      downtime_last_day: 5,
      downtime_last_week: 6,
    });
    const csv = `${[REPORT_HEADER, ...ids.map((id) => formatReportRow(row(id)))].join('\n')}\n`;
    expect(csv).toBe(
      `${REPORT_HEADER}\n"'=1+2",1.00,2.00,3.00,4.00,5.00,6.00\n-5,1.00,2.00,3.00,4.00,5.00,6.00\n"''x",1.00,2.00,3.00,4.00,5.00,6.00\n"'@SUM(A1)",1.00,2.00,3.00,4.00,5.00,6.00\nplain,1.00,2.00,3.00,4.00,5.00,6.00\n`,
    );
    const id = await completeReport(csv);
    expect((await getReport(`report_id=${id}`)).body).toBe(csv);
    expect(
      (await getReport(`report_id=${id}&format=json`)).json().rows.map((r: { store_id: string }) => r.store_id),
    ).toEqual(ids);
  });

  it('gives no rows for a report of no stores', async () => {
    const id = await completeReport(`${REPORT_HEADER}\n`);
    expect((await getReport(`report_id=${id}&format=json`)).json()).toEqual({ status: 'Complete', now: NOW, rows: [] });
    expect((await getReport(`report_id=${id}&format=csv`)).body).toBe(`${REPORT_HEADER}\n`);
  });

  it('accepts the id in upper case', async () => {
    const id = await completeReport();
    const res = await getReport(`report_id=${id.toUpperCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(CSV);
  });

  it("reads REPORTS_DIR/<id>.csv only, whatever the record's file path says", async () => {
    const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
    const elsewhere = join(env.reportsDir, 'elsewhere.csv');
    writeFileSync(elsewhere, `${REPORT_HEADER}\nsecret,1.00,1.00,1.00,1.00,1.00,1.00\n`);
    writeFileSync(join(env.reportsDir, `${id}.csv`), CSV);
    await app.reports.markComplete(id, { rowCount: 1, filePath: elsewhere });
    expect((await getReport(`report_id=${id}`)).body).toBe(CSV);
  });

  it('answers 500 saying so when the file is missing', async () => {
    const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
    await app.reports.markComplete(id, { rowCount: 2, filePath: '/etc/passwd' });
    for (const format of ['csv', 'json']) {
      const res = await getReport(`report_id=${id}&format=${format}`);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: 'Report file missing',
        message: `report ${id} is complete but its file is missing from the reports directory`,
      });
    }
  });

  it('answers 500 for JSON when the file is not a report', async () => {
    const id = await completeReport('store_id,status\n1,active\n');
    const res = await getReport(`report_id=${id}&format=json`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: 'Report file unreadable',
      message: `report ${id} is complete but its file cannot be read: its header is not the report header`,
    });
  });
});

describe('GET /get_report of a report triggered with max_gap', () => {
  /** The two rows above with part of their time unknown: up + down + unknown is each window's business time. */
  const UNKNOWN_ROWS: ReportRow[] = [
    {
      ...ROWS[0],
      uptime_last_day: 20,
      uptime_last_week: 150,
      unknown_last_hour: 0,
      unknown_last_day: 3.5,
      unknown_last_week: 10.25,
    },
    { ...ROWS[1], uptime_last_hour: 0, unknown_last_hour: 15, unknown_last_day: 0, unknown_last_week: 0 },
  ];
  const UNKNOWN_CSV = `${[reportHeader(true), ...UNKNOWN_ROWS.map(formatReportRow)].join('\n')}\n`;

  async function reportWithGap(maxGapMs: number) {
    const { id } = await app.reports.create({ asOf: null, policy: 'forward', maxGapMs });
    await app.reports.markRunning(id);
    await plan(id);
    return id;
  }

  it('says max_gap while running and once failed', async () => {
    const running = await reportWithGap(7_200_000);
    await app.reports.setProgress(running, 0.5);
    expect((await getReport(`report_id=${running}`)).json()).toEqual({
      status: 'Running',
      progress: 0.5,
      now: NOW,
      max_gap: '2h',
    });
    const failed = await reportWithGap(5_400_000);
    await app.reports.markFailed(failed, 'PostgreSQL is unavailable');
    expect((await getReport(`report_id=${failed}&format=json`)).json()).toEqual({
      status: 'Failed',
      error: 'PostgreSQL is unavailable',
      now: NOW,
      max_gap: '1h30m',
    });
  });

  it('gives the CSV with the three unknown columns as written, and its rows with them as JSON', async () => {
    expect(UNKNOWN_CSV).toBe(
      'store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,' +
        'downtime_last_week,unknown_last_hour,unknown_last_day,unknown_last_week\n' +
        '1481966498820158979,60.00,20.00,150.00,0.00,0.50,7.75,0.00,3.50,10.25\n' +
        '"a, ""quoted"" store",0.00,0.00,0.83,45.00,3.00,8.00,15.00,0.00,0.00\n',
    );
    const id = await reportWithGap(7_200_000);
    writeFileSync(join(env.reportsDir, `${id}.csv`), UNKNOWN_CSV);
    await app.reports.markComplete(id, { rowCount: 2, filePath: join(env.reportsDir, `${id}.csv`) });

    const csv = await getReport(`report_id=${id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe(UNKNOWN_CSV);

    const json = await getReport(`report_id=${id}&format=json`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({
      status: 'Complete',
      now: NOW,
      max_gap: '2h',
      rows: [
        {
          store_id: '1481966498820158979',
          uptime_last_hour: 60,
          uptime_last_day: 20,
          uptime_last_week: 150,
          downtime_last_hour: 0,
          downtime_last_day: 0.5,
          downtime_last_week: 7.75,
          unknown_last_hour: 0,
          unknown_last_day: 3.5,
          unknown_last_week: 10.25,
        },
        {
          store_id: 'a, "quoted" store',
          uptime_last_hour: 0,
          uptime_last_day: 0,
          uptime_last_week: 0.83,
          downtime_last_hour: 45,
          downtime_last_day: 3,
          downtime_last_week: 8,
          unknown_last_hour: 15,
          unknown_last_day: 0,
          unknown_last_week: 0,
        },
      ],
    });
  });

  it('gives no rows, and the ten-column header, for a report of no stores', async () => {
    const id = await reportWithGap(3_600_000);
    writeFileSync(join(env.reportsDir, `${id}.csv`), `${reportHeader(true)}\n`);
    await app.reports.markComplete(id, { rowCount: 0, filePath: join(env.reportsDir, `${id}.csv`) });
    expect((await getReport(`report_id=${id}&format=json`)).json()).toEqual({
      status: 'Complete',
      now: NOW,
      max_gap: '1h',
      rows: [],
    });
    expect((await getReport(`report_id=${id}`)).body).toBe(`${reportHeader(true)}\n`);
  });
});

describe('GET /get_report with a bad or unknown id', () => {
  it('answers 404 Not Found, saying so, for a well-formed id no report has', async () => {
    const id = '6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f';
    const res = await getReport(`report_id=${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'Not Found', message: `no report with id ${id}` });
  });

  it.each([
    ['missing', ''],
    ['empty', 'report_id='],
    ['not a uuid', 'report_id=42'],
    ['path traversal', `report_id=${encodeURIComponent('../../../etc/passwd')}`],
    ['path traversal after a uuid', `report_id=${encodeURIComponent('6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f/../../x')}`],
    ['SQL', `report_id=${encodeURIComponent("' OR '1'='1'; DROP TABLE reports; --")}`],
    ['a urn', 'report_id=urn:uuid:6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f'],
    ['a uuid and a line break', `report_id=6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f${encodeURIComponent('\n')}`],
    ['given twice', 'report_id=6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f&report_id=6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f'],
    ['huge', `report_id=${'a'.repeat(100_000)}`],
  ])('answers 400 Invalid report_id for an id that is %s', async (_what, query) => {
    const res = await getReport(query);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Invalid report_id', message: 'report_id must be a report id (a uuid)' });
  });

  it('still works after all that (the table is there)', async () => {
    expect((await getReport(`report_id=${await completeReport()}`)).statusCode).toBe(200);
  });

  it('answers 400 naming format, its allowed values and the value sent, for an unknown format', async () => {
    const id = await completeReport();
    const res = await getReport(`report_id=${id}&format=xml`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: 'querystring/format must be one of csv, json; got "xml"',
    });
  });
});
