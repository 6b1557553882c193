import type { FastifyInstance } from 'fastify';
import { formatReportRow, REPORT_HEADER, type ReportRow } from '@store-monitor/engine';
import { S3ReportStore, type S3Settings } from '@store-monitor/service';
import { CuttingProxy, S3_CREDENTIALS, S3Server } from '@store-monitor/test-support';
import { useTestEnvironment } from './support/test-env';

/**
 * GET /get_report with REPORT_STORE=s3: the API reads complete reports from a real S3-compatible
 * server (s3rver) started here. Credentials reach the SDK as in production: from the environment.
 */
const env = useTestEnvironment();
const BUCKET = 'store-monitor-api';
let server: S3Server;
let settings: S3Settings;
let app: FastifyInstance;
let writer: S3ReportStore;
const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

beforeAll(async () => {
  server = await S3Server.start([BUCKET]);
  process.env.AWS_ACCESS_KEY_ID = S3_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = S3_CREDENTIALS.secretAccessKey;
  settings = { kind: 's3', bucket: BUCKET, prefix: 'api/', endpoint: server.endpoint, region: 'us-east-1' };
  app = await env.app({ reportStore: settings });
  writer = new S3ReportStore(settings);
}, 120_000);

afterAll(async () => {
  writer?.close();
  await server?.stop();
  for (const [name, value] of [
    ['AWS_ACCESS_KEY_ID', saved.id],
    ['AWS_SECRET_ACCESS_KEY', saved.secret],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const row = (n: number): ReportRow => ({
  store_id: n % 7 === 0 ? `store "${n}", quoted` : `store-${n}`,
  uptime_last_hour: n % 61,
  uptime_last_day: (n % 2401) / 100,
  uptime_last_week: n / 100,
  downtime_last_hour: 60 - (n % 61),
  downtime_last_day: 0.5,
  downtime_last_week: 7.75,
});

/** A report a worker finished: its object in the bucket and its record complete. */
async function completeReport(rows: ReportRow[]): Promise<string> {
  const { id } = await app.reports.create({ asOf: null, policy: 'nearest' });
  await app.reports.markRunning(id);
  const stored = await writer.writeReport(id, [rows.map((r) => `${formatReportRow(r)}\n`).join('')]);
  await app.reports.markComplete(id, stored);
  return id;
}

describe('GET /get_report from an S3 bucket', () => {
  it('streams the CSV object, byte for byte, as an attachment', async () => {
    const rows = Array.from({ length: 40_000 }, (_, n) => row(n));
    const id = await completeReport(rows);
    const res = await app.inject({ method: 'GET', url: `/get_report?report_id=${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="report-${id}.csv"`);
    expect(res.body).toBe(`${REPORT_HEADER}\n${rows.map((r) => `${formatReportRow(r)}\n`).join('')}`);
    expect((await app.reports.get(id))?.filePath).toBe(`s3://${BUCKET}/api/${id}.csv`);
  });

  it('gives the rows as JSON', async () => {
    const id = await completeReport([row(7), row(8)]);
    const res = await app.inject({ method: 'GET', url: `/get_report?report_id=${id}&format=json` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'Complete', rows: [row(7), row(8)] });
  });

  it('breaks off the answer, never ending it as if whole, when S3 cuts the download partway', async () => {
    const rows = Array.from({ length: 40_000 }, (_, n) => row(n));
    const id = await completeReport(rows);
    const trigger = new RegExp(`GET /${BUCKET}/api/${id}\\.csv`);
    const proxy = await CuttingProxy.start('127.0.0.1', server.port, {
      trigger,
      cut: 'response',
      afterBytes: 300_000,
      times: 1,
    });
    try {
      const cutApp = await env.app({ reportStore: { ...settings, endpoint: proxy.endpoint } });
      const address = await cutApp.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${address}/get_report?report_id=${id}`);
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow('terminated');
      expect(proxy.cuts).toBe(1);
    } finally {
      await proxy.stop();
    }
  });

  it('answers 500 naming the object when a complete report has none', async () => {
    const id = await completeReport([row(1)]);
    await writer.removeReport(id);
    for (const format of ['csv', 'json']) {
      const res = await app.inject({ method: 'GET', url: `/get_report?report_id=${id}&format=${format}` });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: 'Report file missing',
        message: `report ${id} is complete but its file is missing: s3://${BUCKET}/api/${id}.csv`,
      });
    }
  });
});
