import { randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { REPORT_HEADER } from '@store-monitor/engine';
import { CuttingProxy, type CutRule, S3_CREDENTIALS, S3Server } from '@store-monitor/test-support';
import { ReportMissingError, S3ReportStore, S3StoreError } from '../src';
import { BUCKET, s3StoreAt } from './support/stores';

/**
 * The S3 store against a real S3-compatible server (s3rver) started here, and against a network
 * that fails mid-upload (a proxy that cuts the connection partway through a request).
 */
const MIB = 1024 * 1024;
let server: S3Server;
/** Looks at the bucket directly, never through a proxy. */
let inspector: S3Client;
const stores: S3ReportStore[] = [];
const proxies: CuttingProxy[] = [];

beforeAll(async () => {
  server = await S3Server.start([BUCKET]);
  inspector = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  });
});
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()));
});
afterAll(async () => {
  inspector?.destroy();
  await server?.stop();
});

function storeAt(endpoint: string, prefix: string, options: Parameters<typeof s3StoreAt>[2] = {}): S3ReportStore {
  const store = s3StoreAt(endpoint, prefix, options);
  stores.push(store);
  return store;
}

async function cuttingProxy(rule: CutRule): Promise<CuttingProxy> {
  const proxy = await CuttingProxy.start('127.0.0.1', server.port, rule);
  proxies.push(proxy);
  return proxy;
}

async function keysUnder(prefix: string): Promise<string[]> {
  const page = await inspector.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (page.Contents ?? []).map((object) => object.Key as string).sort();
}

async function objectText(key: string): Promise<string> {
  const object = await inspector.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return (await object.Body!.transformToString('utf8')) as string;
}

/** `count` report lines of about 60 bytes each, all different. */
function reportLines(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `store-${i},${i % 60}.00,${i % 24}.00,${i % 168}.00,1.00,2.00,3.00\n`);
}

/**
 * Lists the prefix and reads every object listed under `key`, again and again until stopped:
 * each text seen is kept, so a test can say that nothing but the whole report was ever visible.
 */
function watch(prefix: string, key: string): { stop(): Promise<string[]> } {
  const seen: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      if ((await keysUnder(prefix)).includes(key)) seen.push(await objectText(key));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

describe('where the S3 store keeps things', () => {
  it('writes <prefix><id>.csv and <prefix>parts/<id>/<index>.csv, and says s3://bucket/key', async () => {
    const prefix = `team-${randomUUID()}/reports/`;
    const store = storeAt(server.endpoint, prefix);
    const id = randomUUID();
    await store.writePart(id, 0, ['a,1']);
    await store.writePart(id, 1, ['b,2']);
    expect(await keysUnder(prefix)).toEqual([`${prefix}parts/${id}/0.csv`, `${prefix}parts/${id}/1.csv`]);
    const stored = await store.writeReport(id, [await store.readPart(id, 0), await store.readPart(id, 1)]);
    expect(stored).toEqual({ filePath: `s3://${BUCKET}/${prefix}${id}.csv`, rowCount: 2 });
    await store.removeParts(id);
    expect(await keysUnder(prefix)).toEqual([`${prefix}${id}.csv`]);
    expect(await objectText(`${prefix}${id}.csv`)).toBe(`${REPORT_HEADER}\na,1\nb,2\n`);
    const head = await inspector.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${prefix}${id}.csv` }));
    expect(head.ContentType).toBe('text/csv; charset=utf-8');
  });

  it("removes every part of a report, and only that report's", async () => {
    const prefix = `many-${randomUUID()}/`;
    const store = storeAt(server.endpoint, prefix);
    const id = randomUUID();
    await Promise.all(Array.from({ length: 25 }, (_, index) => store.writePart(id, index, [`s${index},1`])));
    await store.writePart('another', 0, ['x,1']);
    expect(await keysUnder(`${prefix}parts/${id}/`)).toHaveLength(25);
    await store.removeParts(id);
    expect(await keysUnder(prefix)).toEqual([`${prefix}parts/another/0.csv`]);
  });

  it('sends a report bigger than a part as a multipart upload, byte-identical', async () => {
    const prefix = `big-${randomUUID()}/`;
    const id = randomUUID();
    // Nothing is cut: the proxy counts the parts sent.
    const proxy = await cuttingProxy({
      trigger: new RegExp(`PUT /${BUCKET}/${prefix}${id}.csv\\?partNumber=`),
      afterBytes: 0,
      times: 0,
    });
    const store = storeAt(proxy.endpoint, prefix, { partBytes: 5 * MIB });
    const lines = reportLines(250_000);
    const stored = await store.writeReport(id, lines);
    const text = await objectText(`${prefix}${id}.csv`);
    expect(text.length).toBeGreaterThan(10 * MIB);
    expect(text).toBe(`${REPORT_HEADER}\n${lines.join('')}`);
    expect(stored.rowCount).toBe(250_000);
    expect(proxy.matches).toBe(3);
  }, 60_000);

  it('sends a report of exactly one part as one part, with no empty part after it', async () => {
    const prefix = `exact-${randomUUID()}/`;
    const id = randomUUID();
    const counter = {
      trigger: new RegExp(`PUT /${BUCKET}/${prefix}${id}\\.csv\\?partNumber=`),
      afterBytes: 0,
      times: 0,
    };
    const proxy = await cuttingProxy(counter);
    const store = storeAt(proxy.endpoint, prefix, { partBytes: 5 * MIB });
    const line = `${'x'.repeat(5 * MIB - REPORT_HEADER.length - 2)}\n`;
    await store.writeReport(id, [line]);
    const text = await objectText(`${prefix}${id}.csv`);
    expect([text.length, text === `${REPORT_HEADER}\n${line}`, proxy.matches]).toEqual([5 * MIB, true, 1]);
  }, 60_000);
});

describe('an upload the network cuts partway', () => {
  it('is sent again, and the report ends whole; no part of it was ever listed', async () => {
    const prefix = `cut-${randomUUID()}/`;
    const id = randomUUID();
    const key = `${prefix}${id}.csv`;
    let listedAtCut: Promise<string[]> | undefined;
    const proxy = await cuttingProxy({
      trigger: new RegExp(`PUT /${BUCKET}/${key}`),
      afterBytes: 20_000,
      times: 1,
      onCut: () => {
        listedAtCut = keysUnder(prefix);
      },
    });
    const store = storeAt(proxy.endpoint, prefix);
    const lines = reportLines(2_000);
    const watcher = watch(prefix, key);
    await store.writeReport(id, lines);
    const seen = await watcher.stop();
    const whole = `${REPORT_HEADER}\n${lines.join('')}`;
    expect(proxy.cuts).toBe(1);
    expect(await listedAtCut).toEqual([]);
    expect(await objectText(key)).toBe(whole);
    expect(seen.every((text) => text === whole)).toBe(true);
  });

  it("sends a multipart upload's cut part again, and only the completed upload is ever listed", async () => {
    const prefix = `cutpart-${randomUUID()}/`;
    const id = randomUUID();
    const key = `${prefix}${id}.csv`;
    let listedAtCut: Promise<string[]> | undefined;
    const proxy = await cuttingProxy({
      trigger: new RegExp(`PUT /${BUCKET}/${key}\\?partNumber=2&`),
      afterBytes: 2 * MIB,
      times: 1,
      onCut: () => {
        listedAtCut = keysUnder(prefix);
      },
    });
    const store = storeAt(proxy.endpoint, prefix, { partBytes: 5 * MIB });
    const lines = reportLines(200_000);
    const watcher = watch(prefix, key);
    await store.writeReport(id, lines);
    const seen = await watcher.stop();
    const whole = `${REPORT_HEADER}\n${lines.join('')}`;
    expect(proxy.cuts).toBe(1);
    expect(await listedAtCut).toEqual([]);
    expect(await objectText(key)).toBe(whole);
    expect(seen.every((text) => text === whole)).toBe(true);
  }, 60_000);

  it('fails naming the bucket and key when every attempt is cut, and leaves no report', async () => {
    const prefix = `lost-${randomUUID()}/`;
    const id = randomUUID();
    const key = `${prefix}${id}.csv`;
    const proxy = await cuttingProxy({ trigger: new RegExp(`PUT /${BUCKET}/${key}`), afterBytes: 5_000, times: 99 });
    const store = storeAt(proxy.endpoint, prefix, { client: { maxAttempts: 2 } });
    const failed = store.writeReport(id, reportLines(2_000));
    await expect(failed).rejects.toBeInstanceOf(S3StoreError);
    await expect(failed).rejects.toThrow(`S3 upload of s3://${BUCKET}/${key} failed: `);
    expect(proxy.cuts).toBe(2);
    expect(await keysUnder(prefix)).toEqual([]);
    await expect(storeAt(server.endpoint, prefix).readCsv(id)).rejects.toThrow(
      new ReportMissingError(id, `s3://${BUCKET}/${key}`),
    );
  });

  it('fails a multipart upload whose part cannot be sent, and leaves no report', async () => {
    const prefix = `lostpart-${randomUUID()}/`;
    const id = randomUUID();
    const key = `${prefix}${id}.csv`;
    const proxy = await cuttingProxy({
      trigger: new RegExp(`PUT /${BUCKET}/${key}\\?partNumber=2&`),
      afterBytes: MIB,
      times: 99,
    });
    const store = storeAt(proxy.endpoint, prefix, { partBytes: 5 * MIB, client: { maxAttempts: 2 } });
    await expect(store.writeReport(id, reportLines(200_000))).rejects.toThrow(
      `S3 upload of part 2 of s3://${BUCKET}/${key} failed: `,
    );
    expect(proxy.cuts).toBe(2);
    expect(await keysUnder(prefix)).toEqual([]);
  }, 60_000);
});

describe('a download the network cuts partway', () => {
  it('fails the CSV stream naming the object, rather than ending it early', async () => {
    const prefix = `down-${randomUUID()}/`;
    const id = randomUUID();
    await storeAt(server.endpoint, prefix).writeReport(id, reportLines(20_000));
    const key = `${prefix}${id}.csv`;
    const trigger = new RegExp(`GET /${BUCKET}/${key}`);
    const proxy = await cuttingProxy({ trigger, cut: 'response', afterBytes: 200_000, times: 99 });
    const store = storeAt(proxy.endpoint, prefix);
    const csv = await store.readCsv(id);
    let received = 0;
    csv.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    await expect(csv.toArray()).rejects.toThrow(`S3 download of s3://${BUCKET}/${key} failed: `);
    expect(received).toBeLessThan(200_000);
    await expect(store.readRows(id)).rejects.toThrow(`S3 download of s3://${BUCKET}/${key} failed: `);
    expect(proxy.cuts).toBe(2);
  });
});

describe("the S3 store's errors", () => {
  it('name the bucket and key, and tell a missing bucket from a missing report', async () => {
    const settings = {
      kind: 's3' as const,
      bucket: 'no-such-bucket',
      prefix: 'p/',
      endpoint: server.endpoint,
      region: 'us-east-1',
    };
    const store = new S3ReportStore(settings, { client: { credentials: S3_CREDENTIALS } });
    stores.push(store);
    await expect(store.writeReport('r1', [])).rejects.toThrow(
      'S3 upload of s3://no-such-bucket/p/r1.csv failed: NoSuchBucket: The specified bucket does not exist',
    );
    const read = store.readCsv('r1');
    await expect(read).rejects.toBeInstanceOf(S3StoreError);
    await expect(read).rejects.toThrow('S3 download of s3://no-such-bucket/p/r1.csv failed: NoSuchBucket');
  });

  it('say a report is missing where it was looked for', async () => {
    const store = storeAt(server.endpoint, 'missing/');
    await expect(store.readRows('r2')).rejects.toThrow(
      `report r2 is complete but its file is missing: s3://${BUCKET}/missing/r2.csv`,
    );
  });
});
