import { existsSync } from 'node:fs';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { enqueueReport, mergeJobId } from '@store-monitor/jobs';
import { CuttingProxy, S3_CREDENTIALS, S3Server, waitFor } from '@store-monitor/test-support';
import { cliReport, ingestGenerated, type ReportArgs } from './support/dataset';
import { Harness } from './support/harness';
import type { WorkerProcess } from './support/worker-process';

/**
 * Worker processes with REPORT_STORE=s3 against a real S3-compatible server (s3rver) started here,
 * reached through a proxy that cuts the connection partway through the report's uploads.
 */
const BUCKET = 'store-monitor-reports';
const PREFIX = 'reports/';
/** The report's own object, not its parts (reports/parts/<id>/<index>.csv). */
const REPORT_PUT = new RegExp(`PUT /${BUCKET}/${PREFIX}[0-9a-f-]{36}\\.csv`);
const harness = new Harness();
let dataDir: string;
let server: S3Server;
let inspector: S3Client;
const proxies: CuttingProxy[] = [];

beforeAll(async () => {
  await harness.open();
  dataDir = await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 120, days: 8, seed: 5 });
  server = await S3Server.start([BUCKET]);
  inspector = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  });
}, 180_000);

afterAll(async () => {
  await harness.close();
  inspector?.destroy();
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await server?.stop();
});

/** Worker processes storing reports in the bucket through a proxy that cuts the first `cuts` report uploads. */
async function workersThroughCuts(
  count: number,
  cuts: number,
): Promise<{ proxy: CuttingProxy; workers: WorkerProcess[] }> {
  const proxy = await CuttingProxy.start('127.0.0.1', server.port, {
    trigger: REPORT_PUT,
    afterBytes: 3_000,
    times: cuts,
  });
  proxies.push(proxy);
  const env = {
    REPORT_STORE: 's3',
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: proxy.endpoint,
    S3_PREFIX: 'reports',
    AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    REPORT_CHUNK_STORES: '10',
  };
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < count; i++) workers.push(await harness.startProcess(env));
  return { proxy, workers };
}

async function stop(workers: WorkerProcess[]): Promise<void> {
  for (const worker of workers) worker.signal('SIGTERM');
  expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual(workers.map(() => 0));
}

async function keysUnder(prefix: string): Promise<string[]> {
  const page = await inspector.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (page.Contents ?? []).map((object) => object.Key as string).sort();
}

async function objectText(key: string): Promise<string> {
  const object = await inspector.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return (await object.Body!.transformToString('utf8')) as string;
}

/** Runs a report, reading every version of its object that is ever listed meanwhile. */
async function runWatched(args: ReportArgs) {
  const report = await harness.records.create({ asOf: args.asOf ? new Date(args.asOf) : null, policy: args.policy });
  const key = `${PREFIX}${report.id}.csv`;
  const seen: string[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      if ((await keysUnder(PREFIX)).includes(key)) seen.push(await objectText(key));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  await enqueueReport(harness.reportsQueue, { reportId: report.id, ...args });
  const record = await harness.waitForReport(report.id, 120_000);
  watching = false;
  await watcher;
  const merged = async () =>
    (await harness.reportsQueue.getJobState(mergeJobId(report.id))) === 'completed' || undefined;
  await waitFor('the merge job to finish', 10_000, merged);
  return { record, key, seen };
}

describe('workers storing reports in S3', () => {
  it('share the parts through the bucket, and write the CSV whole though its first upload is cut', async () => {
    const { proxy, workers } = await workersThroughCuts(2, 1);
    const args: ReportArgs = { policy: 'nearest', asOf: null };
    const { record, key, seen } = await runWatched(args);

    const expected = cliReport({ data: dataDir }, args);
    expect(record).toMatchObject({ status: 'complete', filePath: `s3://${BUCKET}/${key}`, rowCount: 120 });
    expect(proxy.cuts).toBe(1);
    expect(await objectText(key)).toBe(expected);
    expect(seen.filter((text) => text !== expected)).toEqual([]);
    // Both processes wrote parts that the merge read back; none is left.
    expect(workers.map((worker) => worker.count(`chunk done report=${record.id}`) > 0)).toEqual([true, true]);
    expect(await keysUnder(`${PREFIX}parts/`)).toEqual([]);
    // Nothing went to the folder, which is not even made.
    expect(existsSync(harness.reportsDir)).toBe(false);
    expect(workers[0].lines.find((line) => line.includes('worker started'))).toContain(
      `reports=s3://${BUCKET}/${PREFIX}`,
    );
    await stop(workers);
  }, 180_000);

  it('retries the merge when every attempt of its upload is cut, and the report still ends whole', async () => {
    // The SDK's three attempts are all cut: the merge job fails once, and its retry uploads.
    const { proxy, workers } = await workersThroughCuts(1, 3);
    const args: ReportArgs = { policy: 'forward', asOf: '2024-04-05T08:00:00Z' };
    const { record, key, seen } = await runWatched(args);

    const expected = cliReport({ data: dataDir }, args);
    expect(record).toMatchObject({ status: 'complete', filePath: `s3://${BUCKET}/${key}` });
    expect(proxy.cuts).toBe(3);
    expect(await objectText(key)).toBe(expected);
    expect(seen.filter((text) => text !== expected)).toEqual([]);
    const retry = workers[0].lines.filter((line) => line.includes('job will retry'));
    expect(retry).toHaveLength(1);
    expect(retry[0]).toContain(`S3 upload of s3://${BUCKET}/${key} failed`);
    await stop(workers);
  }, 180_000);
});
