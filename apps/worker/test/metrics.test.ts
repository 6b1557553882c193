import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { enqueueReport, JOB, planJobId, REPORT_JOB_OPTIONS } from '@store-monitor/jobs';
import { waitFor } from '@store-monitor/test-support';
import { ingestGenerated } from './support/dataset';
import { Harness } from './support/harness';
import { WORKER_MAIN, WorkerProcess } from './support/worker-process';

const STORES = 30;
const CHUNK_STORES = 7;
const CHUNKS = Math.ceil(STORES / CHUNK_STORES);
const TOKEN = 'worker-metrics-token-0123';

const harness = new Harness();
let worker: WorkerProcess;
let metricsUrl: string;

beforeAll(async () => {
  await harness.open();
  await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: STORES, days: 3, seed: 5 });
  worker = await harness.startProcess({
    METRICS_PORT: '0',
    METRICS_TOKEN: TOKEN,
    REPORT_CHUNK_STORES: String(CHUNK_STORES),
  });
  const port = / port=(\d+)/.exec(await worker.waitForLine('metrics listening'))![1];
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
}, 180_000);

afterAll(() => harness.close());

/** The worker's metrics page, fetched over HTTP as Prometheus fetches it. */
async function scrape(): Promise<string> {
  const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text();
}

/** The value of the sample line that starts with `series` (name and labels, exactly as written). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Scrapes until `series` reads `value`: BullMQ counts a job completed just after its report is. */
function scrapeUntil(series: string, value: number): Promise<string> {
  return waitFor(`${series} to read ${value}`, 20_000, async () => {
    const text = await scrape();
    return sample(text, series) === value ? text : undefined;
  });
}

const DURATION = 'store_monitor_job_duration_seconds_count';

describe('the worker metrics server (METRICS_PORT)', () => {
  it('counts each job of a report it ran, and the report from its trigger to its end', async () => {
    const report = await harness.records.create({ asOf: null, policy: 'nearest' });
    await enqueueReport(harness.reportsQueue, { reportId: report.id, policy: 'nearest', asOf: null });
    const record = await harness.waitForReport(report.id);
    expect(record.status).toBe('complete');
    const text = await scrapeUntil('store_monitor_jobs_completed_total{queue="reports"}', 2);
    expect(sample(text, `${DURATION}{queue="report-chunks",job="chunk"}`)).toBe(CHUNKS);
    expect(sample(text, `${DURATION}{queue="reports",job="plan"}`)).toBe(1);
    expect(sample(text, `${DURATION}{queue="reports",job="merge"}`)).toBe(1);
    expect(sample(text, 'store_monitor_jobs_completed_total{queue="report-chunks"}')).toBe(CHUNKS);
    expect(text).not.toContain('store_monitor_jobs_failed_total{');
    expect(sample(text, 'store_monitor_report_duration_seconds_count{outcome="complete"}')).toBe(1);
    const seconds = (record.finishedAt!.getTime() - record.createdAt.getTime()) / 1000;
    expect(sample(text, 'store_monitor_report_duration_seconds_sum{outcome="complete"}')).toBe(seconds);
    // The queue gauges as the API shows them: this process is the one worker on each queue.
    expect(sample(text, 'store_monitor_queue_workers{queue="report-chunks"}')).toBe(1);
    expect(sample(text, 'store_monitor_queue_workers{queue="reports"}')).toBe(1);
    expect(sample(text, 'store_monitor_queue_jobs{queue="report-chunks",state="waiting"}')).toBe(0);
    expect(sample(text, 'store_monitor_queue_metrics_up')).toBe(1);
  });

  it('counts a failed job, and the report it failed', async () => {
    const report = await harness.records.create({ asOf: null, policy: 'nearest' });
    // A plan job no worker can read fails at once, and fails its report.
    const data = { reportId: report.id, policy: 'sideways', asOf: null };
    await harness.reportsQueue.add(JOB.plan, data, { ...REPORT_JOB_OPTIONS, jobId: planJobId(report.id) });
    expect((await harness.waitForReport(report.id)).status).toBe('failed');
    const text = await scrapeUntil('store_monitor_report_duration_seconds_count{outcome="failed"}', 1);
    expect(sample(text, 'store_monitor_jobs_failed_total{queue="reports"}')).toBe(1);
    expect(sample(text, `${DURATION}{queue="reports",job="plan"}`)).toBe(2);
  });

  it('needs METRICS_TOKEN when it is set, and serves nothing but /metrics', async () => {
    const none = await fetch(metricsUrl);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="store-monitor metrics"');
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
    expect(await worker.waitForLine('metrics listening')).toContain('token=true');
    expect(worker.lines.join('\n')).not.toContain(TOKEN);
  });

  it('exits 2, before taking any job, when METRICS_PORT cannot be used', async () => {
    const taken = await listening(createServer());
    const { port } = taken.address() as AddressInfo;
    try {
      const blocked = new WorkerProcess(harness.env({ METRICS_PORT: String(port) }));
      expect(await blocked.waitForLine('METRICS_PORT')).toBe(
        `store-monitor worker: METRICS_PORT: cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
      );
      expect(await blocked.exited).toBe(2);
      expect(blocked.count('worker started')).toBe(0);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('exits 2 on a METRICS_PORT that is not a port', () => {
    const result = spawnSync(process.execPath, [WORKER_MAIN], {
      encoding: 'utf8',
      env: { ...process.env, METRICS_PORT: '9100x' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'store-monitor worker: METRICS_PORT: must be a whole number from 0 to 65535 (got "9100x")\n',
    );
  });
});

function listening(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
