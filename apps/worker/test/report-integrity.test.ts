import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Job } from 'bullmq';
import { Client } from 'pg';
import { planReport } from '@store-monitor/report-reader';
import { chunkJobId, reportFlow } from '@store-monitor/jobs';
import { partsDir } from '@store-monitor/service';
import { startWorker, type RunningWorker } from '../src/runtime';
import { cliReport, ingestGenerated, ingestPollRows } from './support/dataset';
import { collectingLogger, Harness } from './support/harness';
import { reportWithLastChunkHeld } from './support/held-report';
import { redisText } from './support/redis-text';
import { waitFor } from '@store-monitor/test-support';

const STORES = 60;
const CHUNK_STORES = 10;
const HOUR = 3_600_000;

const harness = new Harness();
const logger = collectingLogger();
let worker: RunningWorker;

beforeAll(async () => {
  await harness.open();
  await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: STORES, days: 9, seed: 11 });
  worker = startWorker(
    harness.config({ REPORT_CHUNK_STORES: String(CHUNK_STORES), WORKER_CONCURRENCY: '1' }),
    logger.log,
  );
  await worker.ready;
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await harness.close();
});

/** The failure listener removes a failed report's file and parts just after marking it. */
function filesGone(id: string): Promise<boolean> {
  return waitFor(`the files of ${id} removed`, 10_000, async () =>
    readdirSync(harness.reportsDir).every((name) => !name.includes(id)),
  );
}

async function storeIds(): Promise<string[]> {
  const client = new Client({ connectionString: harness.databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ id: string }>('SELECT id FROM stores ORDER BY id COLLATE "C"')).rows.map(
      (row) => row.id,
    );
  } finally {
    await client.end();
  }
}

describe('a report reflects one state of the data', () => {
  it('gives the CSV of the data after a load that landed while its chunks ran, new stores at either end included', async () => {
    const before = cliReport({ databaseUrl: harness.databaseUrl }, { policy: 'nearest', asOf: null });
    const report = await reportWithLastChunkHeld(harness, CHUNK_STORES);
    expect(report.plan.ranges).toHaveLength(STORES / CHUNK_STORES);
    const ids = await storeIds();
    // A backfill for the first and the last store (read by the first and the held chunk), and two
    // stores created after planning whose ids sort before and after every planned one.
    const polls: string[] = [];
    for (const store of [ids[0], ids[ids.length - 1], '!!!-new-first', '~~~-new-last']) {
      for (let hour = 1; hour <= 30; hour++)
        polls.push(`${store},inactive,${new Date(report.plan.now! - hour * HOUR - 420_000).toISOString()}`);
    }
    await ingestPollRows(harness.databaseUrl, join(harness.workDir, 'backfill.csv'), polls);
    const after = cliReport({ databaseUrl: harness.databaseUrl }, { policy: 'nearest', asOf: null });
    expect(after).not.toBe(before);

    await report.release();
    const record = await harness.waitForReport(report.id);
    expect(record).toMatchObject({ status: 'complete', error: null, dataVersion: 5, rowCount: STORES + 2 });
    const written = readFileSync(record.filePath!, 'utf8');
    expect(written).toBe(after);
    expect(written.split('\n')[1]).toMatch(/^!!!-new-first,/);
    expect(written.split('\n')[STORES + 2]).toMatch(/^~~~-new-last,/);
    expect(logger.lines).toContainEqual(
      expect.stringContaining(
        `chunks read again report=${report.id} chunks=${report.plan.ranges.length - 1} seen="4 5" dataVersion=5`,
      ),
    );
  });

  it('records the state it reflects when no load landed while it ran, and reads nothing twice', async () => {
    const report = await reportWithLastChunkHeld(harness, CHUNK_STORES);
    await report.release();
    const record = await harness.waitForReport(report.id);
    expect(record).toMatchObject({ status: 'complete', dataVersion: 5 });
    expect(readFileSync(record.filePath!, 'utf8')).toBe(
      cliReport({ databaseUrl: harness.databaseUrl }, { policy: 'nearest', asOf: null }),
    );
    expect(logger.lines.filter((line) => line.includes(`chunks read again report=${report.id}`))).toEqual([]);
  });
});

describe('a store created between planning and the chunks', () => {
  it('is in the report when its id sorts before every planned one', async () => {
    const { id } = await harness.records.create({ asOf: null, policy: 'nearest' });
    await harness.records.markRunning(id);
    const plan = await planReport(harness.db, CHUNK_STORES);
    const rows = [`!!!!-planned-after,active,${new Date(plan.now! - HOUR).toISOString()}`];
    await ingestPollRows(harness.databaseUrl, join(harness.workDir, 'new-store.csv'), rows);
    await harness.addFlow(reportFlow({ reportId: id, policy: 'nearest', asOfMs: plan.now! }, plan.ranges));

    const record = await harness.waitForReport(id);
    expect(record).toMatchObject({ status: 'complete', dataVersion: plan.dataVersion + 1 });
    const written = readFileSync(record.filePath!, 'utf8');
    expect(written).toBe(cliReport({ databaseUrl: harness.databaseUrl }, { policy: 'nearest', asOf: null }));
    expect(written.split('\n')[1]).toMatch(/^!!!!-planned-after,/);
    expect(logger.lines.filter((line) => line.includes(`chunks read again report=${id}`))).toEqual([]);
  });
});

describe('a report whose chunks are tampered with', () => {
  it('fails, naming the chunk, when a chunk read other stores than planned (its data edited as Bull Board edits it)', async () => {
    const { id } = await harness.records.create({ asOf: null, policy: 'nearest' });
    await harness.records.markRunning(id);
    const plan = await planReport(harness.db, CHUNK_STORES);
    const flow = reportFlow({ reportId: id, policy: 'nearest', asOfMs: plan.now! }, plan.ranges);
    flow.children![1].opts = { ...flow.children![1].opts, delay: HOUR };
    await harness.addFlow(flow);
    const edited = (await Job.fromId(harness.chunksQueue, chunkJobId(id, 1)))!;
    const planned = plan.ranges[1];
    const ids = await storeIds();
    const narrowed = { from: planned.from, to: ids[ids.indexOf(planned.from!) + 5] };
    await edited.updateData({ ...edited.data, stores: narrowed });
    await edited.promote();

    const record = await harness.waitForReport(id);
    expect(record.status).toBe('failed');
    expect(record.error).toBe(
      `merging failed: chunk 2 of ${plan.ranges.length} read the stores from ${JSON.stringify(narrowed.from)} up to ${JSON.stringify(narrowed.to)}, ` +
        `but was planned for the stores from ${JSON.stringify(planned.from)} up to ${JSON.stringify(planned.to)}`,
    );
    await filesGone(id);
  });

  it('fails, naming the chunk, when a chunk read with another max gap than the report (its lines would not fit the header)', async () => {
    const { id } = await harness.records.create({ asOf: null, policy: 'nearest', maxGapMs: HOUR });
    await harness.records.markRunning(id);
    const plan = await planReport(harness.db, CHUNK_STORES);
    const flow = reportFlow({ reportId: id, policy: 'nearest', asOfMs: plan.now!, maxGapMs: HOUR }, plan.ranges);
    flow.children![2].opts = { ...flow.children![2].opts, delay: HOUR };
    await harness.addFlow(flow);
    const edited = (await Job.fromId(harness.chunksQueue, chunkJobId(id, 2)))!;
    const { maxGapMs, ...withoutGap } = edited.data;
    expect(maxGapMs).toBe(HOUR);
    await edited.updateData(withoutGap);
    await edited.promote();

    const record = await harness.waitForReport(id);
    expect(record).toMatchObject({
      status: 'failed',
      error: `merging failed: chunk 3 of ${plan.ranges.length} was read with max gap none, but the report's is 3600000 ms`,
    });
    await filesGone(id);
  });

  it('fails when the planned ranges themselves leave stores out', async () => {
    const { id } = await harness.records.create({ asOf: null, policy: 'nearest' });
    await harness.records.markRunning(id);
    const plan = await planReport(harness.db, CHUNK_STORES);
    const ranges = plan.ranges.slice(0, -1);
    await harness.addFlow(reportFlow({ reportId: id, policy: 'nearest', asOfMs: plan.now! }, ranges));
    const record = await harness.waitForReport(id);
    expect(record).toMatchObject({
      status: 'failed',
      error: `merging failed: the planned ranges do not cover every store: the last range ends before ${JSON.stringify(plan.ranges[plan.ranges.length - 1].from)}, not after the last store`,
    });
  });
});

describe('a report whose part files are not where the merge looks', () => {
  it('fails at once, naming the missing part and the likely cause', async () => {
    const report = await reportWithLastChunkHeld(harness, CHUNK_STORES);
    const part = join(partsDir(harness.reportsDir, report.id), '0.csv');
    rmSync(part);
    await report.release();
    const record = await harness.waitForReport(report.id);
    expect(record).toMatchObject({
      status: 'failed',
      error: `merging failed: the rows of chunk 1 of ${report.plan.ranges.length} are missing: ${part} (do all workers share one report store: REPORTS_DIR or S3_BUCKET?)`,
    });
    await filesGone(report.id);
  });
});

describe('a complete report', () => {
  it('leaves none of its rows in Redis, and no part files', async () => {
    const { id } = await harness.records.create({ asOf: null, policy: 'forward' });
    await harness.records.markRunning(id);
    const plan = await planReport(harness.db, CHUNK_STORES);
    await harness.addFlow(reportFlow({ reportId: id, policy: 'forward', asOfMs: plan.now! }, plan.ranges));
    const record = await harness.waitForReport(id);
    expect(record.status).toBe('complete');
    const rows = readFileSync(record.filePath!, 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(record.rowCount!);
    expect(rows.length).toBeGreaterThan(STORES);
    const stored = await redisText(harness.redis, `${harness.prefix}:*`);
    expect(stored.length).toBeGreaterThan(0);
    expect(rows.filter((row) => stored.includes(row))).toEqual([]);
    expect(readdirSync(harness.reportsDir).filter((name) => name.includes(id))).toEqual([`${id}.csv`]);
  });
});
