import { existsSync } from 'node:fs';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { enqueueReport, mergeJobId } from '@store-monitor/jobs';
import { CuttingProxy, S3_CREDENTIALS, S3Server, waitFor } from '@store-monitor/test-support';
import { cliReport, ingestGenerated, type ReportArgs } from './support/dataset';
import { Harness } from './support/harness';

/**
 * Worker processes with REPORT_STORE=s3 against a real S3-compatible server (s3rver) started here,
 * reached through a proxy that cuts the connection partway through the report's first upload.
 */
const BUCKET = 'store-monitor-reports';
const PREFIX = 'reports/';
const harness = new Harness();
let dataDir: string;
let server: S3Server;
let proxy: CuttingProxy;
let inspector: S3Client;

beforeAll(async () => {
  await harness.open();
  dataDir = await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 120, days: 8, seed: 5 });
  server = await S3Server.start([BUCKET]);
  // The report's own object, not its parts (reports/parts/<id>/<index>.csv).
  const reportPut = new RegExp(`PUT /${BUCKET}/${PREFIX}[0-9a-f-]{36}\\.csv`);
  proxy = await CuttingProxy.start('127.0.0.1', server.port, { trigger: reportPut, afterBytes: 3_000, times: 1 });
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
  await proxy?.stop();
  await server?.stop();
});

const s3Environment = () => ({
  REPORT_STORE: 's3',
  S3_BUCKET: BUCKET,
  S3_ENDPOINT: proxy.endpoint,
  S3_PREFIX: 'reports',
  AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
  REPORT_CHUNK_STORES: '10',
});

async function keysUnder(prefix: string): Promise<string[]> {
  const page = await inspector.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (page.Contents ?? []).map((object) => object.Key as string).sort();
}

async function objectText(key: string): Promise<string> {
  const object = await inspector.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return (await object.Body!.transformToString('utf8')) as string;
}

describe('workers storing reports in S3', () => {
  it('share the parts through the bucket, and write the CSV whole though its first upload is cut', async () => {
    const workers = [await harness.startProcess(s3Environment()), await harness.startProcess(s3Environment())];
    const args: ReportArgs = { policy: 'nearest', asOf: null };
    const report = await harness.records.create({ asOf: null, policy: args.policy });
    const key = `${PREFIX}${report.id}.csv`;
    // Reads every version of the report object that is ever listed.
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

    const expected = cliReport({ data: dataDir }, args);
    expect(record).toMatchObject({ status: 'complete', filePath: `s3://${BUCKET}/${key}` });
    expect(record.rowCount).toBe(120);
    expect(proxy.cuts).toBe(1);
    expect(await objectText(key)).toBe(expected);
    expect(seen.filter((text) => text !== expected)).toEqual([]);
    // Both processes wrote parts that the merge read back.
    expect(workers.map((worker) => worker.count(`chunk done report=${report.id}`) > 0)).toEqual([true, true]);
    const merged = async () =>
      (await harness.reportsQueue.getJobState(mergeJobId(report.id))) === 'completed' || undefined;
    await waitFor('the merge job to finish', 10_000, merged);
    expect(await keysUnder(PREFIX)).toEqual([key]);
    // Nothing went to the folder, which is not even made.
    expect(existsSync(harness.reportsDir)).toBe(false);
    expect(workers[0].lines.find((line) => line.includes('worker started'))).toContain(
      `reports=s3://${BUCKET}/${PREFIX}`,
    );
  }, 180_000);
});
