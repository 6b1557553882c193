import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { enqueueReport } from '@store-monitor/jobs';
import { cliReport, ingestGenerated, type ReportArgs } from './support/dataset';
import { Harness } from './support/harness';
import { WORKER_MAIN } from './support/worker-process';

const harness = new Harness();
let dataDir: string;

beforeAll(async () => {
  await harness.open();
  dataDir = await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 300, days: 8, seed: 3 });
}, 180_000);

afterAll(() => harness.close());

async function enqueue(args: ReportArgs): Promise<string> {
  const report = await harness.records.create({ asOf: args.asOf ? new Date(args.asOf) : null, policy: args.policy });
  await enqueueReport(harness.reportsQueue, { reportId: report.id, ...args });
  return report.id;
}

async function chunkJobsOf(reportId: string) {
  return (await harness.chunksQueue.getJobs(['completed', 'failed', 'active', 'wait', 'delayed'])).filter(
    (job) => job.data.reportId === reportId,
  );
}

describe('worker processes', () => {
  it('exits 2 with one line per bad setting', () => {
    const result = spawnSync(process.execPath, [WORKER_MAIN], {
      encoding: 'utf8',
      env: {
        ...process.env,
        REDIS_URL: 'ftp://cache',
        REPORT_CHUNK_STORES: 'many',
        DATABASE_URL: 'postgresql://u:hunter2@db',
      },
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'store-monitor worker: DATABASE_URL: must be a postgresql:// URL that names a database',
      'store-monitor worker: REDIS_URL: must be a redis:// or rediss:// URL with a host',
      'store-monitor worker: REPORT_CHUNK_STORES: must be a whole number from 1 to 1000000 (got "many")',
    ]);
  });

  it('share one report between two processes, and write the same CSV', async () => {
    const workers = [
      await harness.startProcess({ REPORT_CHUNK_STORES: '10' }),
      await harness.startProcess({ REPORT_CHUNK_STORES: '10' }),
    ];
    const args: ReportArgs = { policy: 'nearest', asOf: null };
    const reportId = await enqueue(args);
    const record = await harness.waitForReport(reportId, 120_000);
    expect(record.status).toBe('complete');
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ data: dataDir }, args));

    const chunks = await chunkJobsOf(reportId);
    expect(chunks).toHaveLength(30);
    const names = await Promise.all(workers.map((worker) => worker.name()));
    expect(new Set(chunks.map((job) => job.processedBy))).toEqual(new Set(names));
    const done = workers.map((worker) => worker.count(`chunk done report=${reportId}`));
    expect(done.every((count) => count > 0)).toBe(true);
    expect(done[0] + done[1]).toBe(30);

    for (const worker of workers) worker.signal('SIGTERM');
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
  }, 180_000);

  it('on SIGTERM finish the active job, exit 0, and leave the rest to the next worker', async () => {
    // Chunks of 100 stores take long enough that the signal lands while the first one runs.
    const first = await harness.startProcess({ REPORT_CHUNK_STORES: '100' });
    const args: ReportArgs = { policy: 'forward', asOf: '2024-04-05T00:00:00Z' };
    const reportId = await enqueue(args);
    await first.waitForLine(`chunk started report=${reportId}`);
    first.signal('SIGTERM');
    expect(await first.exited).toBe(0);
    const events = first.lines.map((line) => `${line.split(' ')[1]} ${line.split(' ')[2]}`);
    const shutdown = events.indexOf('shutting down');
    expect(events.slice(shutdown)).toEqual(['shutting down', 'chunk done', 'worker stopped']);
    const firstDone = first.count(`chunk done report=${reportId}`);
    expect(firstDone).toBe(first.count(`chunk started report=${reportId}`));

    const second = await harness.startProcess({ REPORT_CHUNK_STORES: '100' });
    const record = await harness.waitForReport(reportId, 120_000);
    expect(record.status).toBe('complete');
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ data: dataDir }, args));
    const chunks = await chunkJobsOf(reportId);
    expect(chunks.every((job) => job.stalledCounter === 0 && job.finishedOn !== undefined)).toBe(true);
    expect(chunks).toHaveLength(3);
    expect(firstDone + second.count(`chunk done report=${reportId}`)).toBe(3);
    second.signal('SIGINT');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('recover the job of a worker that died, by the stalled-job check', async () => {
    const first = await harness.startProcess({ REPORT_CHUNK_STORES: '100' });
    const args: ReportArgs = { policy: 'nearest', asOf: '2024-04-06T12:00:00Z' };
    const reportId = await enqueue(args);
    await first.waitForLine(`chunk started report=${reportId}`);
    first.signal('SIGKILL');
    await first.exited;

    const second = await harness.startProcess({ REPORT_CHUNK_STORES: '100' });
    const record = await harness.waitForReport(reportId, 150_000);
    expect(record.status).toBe('complete');
    expect(readFileSync(record.filePath!, 'utf8')).toBe(cliReport({ data: dataDir }, args));
    const chunks = await chunkJobsOf(reportId);
    expect(chunks).toHaveLength(3);
    expect(chunks.some((job) => job.stalledCounter === 1)).toBe(true);
    expect(second.count('job stalled')).toBeGreaterThan(0);
    second.signal('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 200_000);
});
