import { CLOSED_PORT_REDIS_URL } from '@store-monitor/test-support';
import { loadConfig } from '../src/config';
import { useTestEnvironment } from './support/test-env';

const env = useTestEnvironment();
const TOKEN = 'metrics-token-0123456789';
const API_KEY = 'api-key-for-metrics-0123456789';
const REPORT_ID = '5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07';

/** The value of the sample line that starts with `series` (name and labels, exactly as written). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const HTTP_COUNT = 'store_monitor_http_request_duration_seconds_count';

describe('GET /metrics', () => {
  it('answers in the Prometheus text format, with Node process metrics, without the API key', async () => {
    const app = await env.app({ apiKey: API_KEY });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(res.body).toContain('# TYPE store_monitor_http_request_duration_seconds histogram\n');
    expect(res.body).toContain('# TYPE process_cpu_user_seconds_total counter\n');
    expect(sample(res.body, 'store_monitor_queue_metrics_up')).toBe(1);
  });

  it('counts jobs per queue and state, read from Redis at each scrape', async () => {
    const app = await env.app();
    await Promise.all([1, 2, 3].map((n) => app.queues.chunks.add('chunk', { n })));
    await app.queues.reports.add('plan', { n: 4 }, { delay: 60_000 });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'store_monitor_queue_jobs{queue="report-chunks",state="waiting"}')).toBe(3);
    expect(sample(text, 'store_monitor_queue_jobs{queue="reports",state="delayed"}')).toBe(1);
    expect(sample(text, 'store_monitor_queue_jobs{queue="reports",state="waiting"}')).toBe(0);
    // Every queue, every state: 3 x 7 lines, so a dashboard never meets a missing series.
    expect(text.split('\n').filter((line) => line.startsWith('store_monitor_queue_jobs{'))).toHaveLength(21);
    // No worker process takes jobs in this test.
    expect(sample(text, 'store_monitor_queue_workers{queue="report-chunks"}')).toBe(0);
    expect(sample(text, 'store_monitor_queue_oldest_waiting_seconds{queue="reports"}')).toBe(0);
    expect(sample(text, 'store_monitor_queue_oldest_waiting_seconds{queue="report-chunks"}')).toBeGreaterThanOrEqual(0);
    await app.queues.chunks.obliterate({ force: true });
    const after = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(after, 'store_monitor_queue_jobs{queue="report-chunks",state="waiting"}')).toBe(0);
  });

  it('times each request under its route pattern, not its URL', async () => {
    const app = await env.app();
    await app.inject({ method: 'GET', url: `/reports/${REPORT_ID}` });
    await app.inject({ method: 'GET', url: '/reports/6a1d8b54-3c2f-4d9f-8b4a-5f9e3a7c2d18' });
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/no/such/page' });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, `${HTTP_COUNT}{method="GET",route="/reports/:id",status_code="404"}`)).toBe(2);
    expect(sample(text, `${HTTP_COUNT}{method="GET",route="/healthz",status_code="200"}`)).toBe(1);
    expect(sample(text, `${HTTP_COUNT}{method="GET",route="unmatched",status_code="404"}`)).toBe(1);
    expect(text).not.toContain(REPORT_ID);
    expect(text).not.toContain('/no/such/page');
    // Every bucket of the reports route holds both: the slowest bucket counts every request.
    expect(
      sample(
        text,
        'store_monitor_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/reports/:id",status_code="404"}',
      ),
    ).toBe(2);
  });

  it('counts the rows uploads load and reject, by kind', async () => {
    const app = await env.app();
    const polls = [
      'store_id,status,timestamp_utc',
      '8419537941919820732,active,2023-01-22 12:09:39.388884 UTC',
      '8419537941919820732,inactive,2023-01-22 13:09:39.388884 UTC',
      '8419537941919820732,active,2023-01-22 14:09:39.388884 UTC',
      '8419537941919820732,sleeping,2023-01-22 15:09:39.388884 UTC',
    ].join('\n');
    const res = await app.inject({
      method: 'POST',
      url: '/polls',
      payload: polls,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.json()).toMatchObject({ read: 4, rejected: 1 });
    const zones = 'store_id,timezone_str\n8419537941919820732,America/Boise\n';
    await app.inject({ method: 'POST', url: '/timezones', payload: zones, headers: { 'content-type': 'text/csv' } });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'store_monitor_ingest_rows_total{kind="polls",outcome="accepted"}')).toBe(3);
    expect(sample(text, 'store_monitor_ingest_rows_total{kind="polls",outcome="rejected"}')).toBe(1);
    expect(sample(text, 'store_monitor_ingest_rows_total{kind="timezones",outcome="accepted"}')).toBe(1);
    expect(sample(text, 'store_monitor_ingest_rows_total{kind="timezones",outcome="rejected"}')).toBe(0);
  });

  it('needs METRICS_TOKEN as a bearer token when it is set', async () => {
    const app = await env.app({ apiKey: API_KEY, metricsToken: TOKEN });
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="store-monitor metrics"');
    expect(none.json()).toEqual({
      error: 'Unauthorized',
      message: 'the metrics need METRICS_TOKEN as "Authorization: Bearer <token>"',
    });
    // The API key is not the metrics token.
    const key = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${API_KEY}` } });
    expect(key.statusCode).toBe(401);
    const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(sample(ok.body, `${HTTP_COUNT}{method="GET",route="/metrics",status_code="401"}`)).toBe(2);
  });

  it('still answers while Redis is down, saying the queues could not be read', async () => {
    const app = await env.app({ redisUrl: CLOSED_PORT_REDIS_URL });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(sample(res.body, 'store_monitor_queue_metrics_up')).toBe(0);
    expect(res.body).not.toContain('store_monitor_queue_jobs{');
  });

  it('is neither in the OpenAPI document nor in the index', async () => {
    const app = await env.app();
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
    const index = (await app.inject({ method: 'GET', url: '/', headers: { accept: 'application/json' } })).json();
    expect(index.endpoints.map((endpoint: { path: string }) => endpoint.path)).not.toContain('/metrics');
  });
});

describe('METRICS_TOKEN', () => {
  it('is read, and refused when short, without echoing it', () => {
    expect(loadConfig({ METRICS_TOKEN: TOKEN }, false)).toMatchObject({ ok: true, config: { metricsToken: TOKEN } });
    expect(loadConfig({ METRICS_TOKEN: 'short token' }, false)).toEqual({
      ok: false,
      errors: ['METRICS_TOKEN: must be at least 16 characters, printable ASCII without spaces'],
    });
  });
});
