import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMaxGap } from '@store-monitor/csv';
import { reportHeader } from '@store-monitor/engine';
import { writeDataset, resolveOptions } from '@store-monitor/generator';
import { withDatabase } from '@store-monitor/db';
import { ingestSpecialHours } from '@store-monitor/ingest';
import { enqueueReport, mergeJobId } from '@store-monitor/jobs';
import { FolderReportStore } from '@store-monitor/service';
import { waitFor } from '@store-monitor/test-support';
import { startWorker, type RunningWorker } from '../src/runtime';
import { cliReport, DATA_FILES, ingestDataDir, type ReportArgs } from './support/dataset';
import { collectingLogger, Harness } from './support/harness';
import { reportWithLastChunkHeld } from './support/held-report';

/**
 * The worker's report with special days and a max gap is the command's, byte for byte, in chunks.
 * The data is generated, plus special days of our own for four stores (closed, two short spans,
 * an overnight span, a whole day) and the contract's unknown-time example moved to April as the
 * store `zz-contract`, closed on the day before.
 */
const STORES = 120;
const CHUNK_STORES = 13;
const CHUNKS = Math.ceil((STORES + 1) / CHUNK_STORES);
const AS_OF = '2024-04-03T12:00:00Z';
const HOUR = 3_600_000;

const harness = new Harness();
const logger = collectingLogger();
let worker: RunningWorker;
/** The same data without any special days, to show that they change the report. */
let plainDir: string;
let specialStores: string[];

beforeAll(async () => {
  await harness.open();
  await writeDataset(harness.dataDir, resolveOptions({ stores: STORES, days: 9, seed: 23 }));
  specialStores = addOwnRows(harness.dataDir);
  plainDir = copyWithoutSpecialDays(harness.dataDir, join(harness.workDir, 'plain'));
  await ingestDataDir(harness.databaseUrl, harness.dataDir);
  worker = startWorker(
    harness.config({ REPORT_CHUNK_STORES: String(CHUNK_STORES), WORKER_CONCURRENCY: '3' }),
    logger.log,
  );
  await worker.ready;
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await harness.close();
});

function copyWithoutSpecialDays(from: string, to: string): string {
  mkdirSync(to);
  for (const name of [DATA_FILES.polls, DATA_FILES.hours, DATA_FILES.timeZones]) {
    copyFileSync(join(from, name), join(to, name));
  }
  return to;
}

/** Appends our rows to the generated files (special days: to the generator's, if it wrote some). */
function addOwnRows(dir: string): string[] {
  const ids = readFileSync(join(dir, DATA_FILES.timeZones), 'utf8')
    .trim()
    .split('\n')
    .slice(1, 5)
    .map((line) => line.split(',')[0]);
  const special = join(dir, DATA_FILES.specialHours);
  if (!existsSync(special)) writeFileSync(special, 'store_id,date,start_time_local,end_time_local\n');
  append(special, [
    `${ids[0]},2024-04-02,,`,
    `${ids[1]},2024-04-01,10:00,12:00`,
    `${ids[1]},2024-04-01,15:00,16:30`,
    `${ids[2]},2024-04-02,22:00,02:00`,
    `${ids[3]},2024-04-05,09:00,09:00`,
    'zz-contract,2024-04-02,,',
  ]);
  append(join(dir, DATA_FILES.timeZones), ['zz-contract,America/Chicago']);
  append(join(dir, DATA_FILES.polls), [
    'zz-contract,active,2024-04-03 08:00:00 UTC',
    'zz-contract,inactive,2024-04-03 11:30:00 UTC',
  ]);
  return ids;
}

function append(path: string, lines: string[]): void {
  const text = readFileSync(path, 'utf8');
  appendFileSync(path, `${text.endsWith('\n') ? '' : '\n'}${lines.join('\n')}\n`);
}

/** The worker's file for a report asked for with `args`, and its record. */
async function workerReport(args: ReportArgs, maxGapOnJob = true) {
  const maxGapMs = args.maxGap === undefined ? undefined : parseMaxGap(args.maxGap);
  const asOf = args.asOf === null ? null : new Date(args.asOf);
  const report = await harness.records.create({ asOf, policy: args.policy, maxGapMs });
  const request = { reportId: report.id, asOf: args.asOf, policy: args.policy };
  await enqueueReport(harness.reportsQueue, maxGapOnJob ? { ...request, maxGapMs } : request);
  const record = await harness.waitForReport(report.id);
  expect(record).toMatchObject({ status: 'complete', error: null, maxGapMs: maxGapMs ?? null });
  return { record, csv: readFileSync(record.filePath!, 'utf8') };
}

function rowOf(csv: string, storeId: string): string | undefined {
  return csv.split('\n').find((line) => line.startsWith(`${storeId},`));
}

describe('a report with special days and a max gap', () => {
  it.each<[ReportArgs, string | undefined]>([
    // The contract's example: up 07:00-09:00, down 10:30-12:00, the rest of the 7 open hours unknown.
    [{ policy: 'nearest', asOf: AS_OF, maxGap: '1h' }, 'zz-contract,0.00,2.00,2.00,60.00,1.50,1.50,0.00,3.50,140.50'],
    // Forward: up 07:00-09:00 (the first poll is within the hour after 07:00), down from 11:30.
    [
      { policy: 'forward', asOf: AS_OF, maxGap: 'PT1H' },
      'zz-contract,0.00,2.00,2.00,30.00,0.50,0.50,30.00,4.50,141.50',
    ],
    [{ policy: 'forward', asOf: null, maxGap: 'PT2H' }, undefined],
    [{ policy: 'nearest', asOf: null, maxGap: '90m' }, undefined],
  ])('is, in chunks, the CSV that store-monitor report writes (%o)', async (args, contractRow) => {
    const { record, csv } = await workerReport(args);
    expect(csv).toBe(cliReport({ data: harness.dataDir }, args));
    expect(csv.split('\n')[0]).toBe(reportHeader(true));
    expect(record.rowCount).toBe(csv.split('\n').length - 2);
    expect(record.rowCount).toBeGreaterThan(CHUNK_STORES * 2);
    if (contractRow !== undefined) expect(rowOf(csv, 'zz-contract')).toBe(contractRow);
    const merge = await harness.reportsQueue.getJob(mergeJobId(record.id));
    expect(merge?.data).toMatchObject({ chunkCount: CHUNKS, maxGapMs: parseMaxGap(args.maxGap!) });
  });

  it('takes the max gap from the record when the plan job has none', async () => {
    const args: ReportArgs = { policy: 'nearest', asOf: AS_OF, maxGap: '1h' };
    const { csv } = await workerReport(args, false);
    expect(csv).toBe(cliReport({ data: harness.dataDir }, args));
    expect(rowOf(csv, 'zz-contract')).toBe('zz-contract,0.00,2.00,2.00,60.00,1.50,1.50,0.00,3.50,140.50');
  });

  it('matches store-monitor report --db, and reads back with the unknown columns for get_report', async () => {
    const args: ReportArgs = { policy: 'forward', asOf: AS_OF, maxGap: '1h' };
    const { record, csv } = await workerReport(args);
    expect(csv).toBe(cliReport({ databaseUrl: harness.databaseUrl }, args));
    const rows = await new FolderReportStore(harness.reportsDir).readRows(record.id);
    expect(rows).toHaveLength(record.rowCount!);
    expect(rows.find((row) => row.store_id === 'zz-contract')).toEqual({
      store_id: 'zz-contract',
      uptime_last_hour: 0,
      uptime_last_day: 2,
      uptime_last_week: 2,
      downtime_last_hour: 30,
      downtime_last_day: 0.5,
      downtime_last_week: 0.5,
      unknown_last_hour: 30,
      unknown_last_day: 4.5,
      unknown_last_week: 141.5,
    });
  });
});

describe('a report with special days and no max gap', () => {
  it.each<ReportArgs>([
    { policy: 'nearest', asOf: AS_OF },
    { policy: 'forward', asOf: null },
  ])('has the seven columns and the special days (%o)', async (args) => {
    const { csv } = await workerReport(args);
    expect(csv).toBe(cliReport({ data: harness.dataDir }, args));
    expect(csv.split('\n')[0]).toBe(reportHeader(false));
    // Without the special days the same stores read otherwise: the worker did apply them.
    const plain = cliReport({ data: plainDir }, args);
    const changed = specialStores.filter((id) => rowOf(csv, id) !== rowOf(plain, id));
    expect(changed.length).toBeGreaterThan(0);
    // The contract store is open 24x7 but closed on 2024-04-02 (Chicago): its day is 05:00-12:00
    // UTC, its week 24 hours short; the status switches at 09:45.
    if (args.asOf === AS_OF) {
      expect(rowOf(csv, 'zz-contract')).toBe('zz-contract,0.00,4.75,141.75,60.00,2.25,2.25');
      expect(rowOf(plain, 'zz-contract')).toBe('zz-contract,0.00,21.75,165.75,60.00,2.25,2.25');
    }
  });
});

describe('a load that lands while a report with a max gap runs', () => {
  it('makes the merge read the older chunks again with the same max gap', async () => {
    const report = await reportWithLastChunkHeld(harness, CHUNK_STORES, 'forward', HOUR);
    const args: ReportArgs = { policy: 'forward', asOf: null, maxGap: '1h' };
    const before = cliReport({ databaseUrl: harness.databaseUrl }, args);
    // The first store of the second chunk (done, not held) closes on every date of the data.
    const store = report.plan.ranges[1].from!;
    const rows = [
      'store_id,date,start_time_local,end_time_local',
      ...datesOfData().map((date) => `${store},${date},,`),
    ];
    const file = join(harness.workDir, 'late-special-days.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    await withDatabase(harness.databaseUrl, {}, (db) => ingestSpecialHours(db, file));
    const after = cliReport({ databaseUrl: harness.databaseUrl }, args);
    expect(after).not.toBe(before);

    await report.release();
    const record = await harness.waitForReport(report.id);
    expect(record).toMatchObject({ status: 'complete', error: null });
    expect(readFileSync(record.filePath!, 'utf8')).toBe(after);
    await waitFor('the log of the chunks read again', 5_000, async () =>
      logger.lines.some((line) => line.includes(`chunks read again report=${report.id}`)),
    );
  });
});

/** Every date of the data (2024-03-28 to 2024-04-07), as special-days files write dates. */
function datesOfData(): string[] {
  return [...Array(11).keys()].map((i) => new Date(Date.UTC(2024, 2, 28 + i)).toISOString().slice(0, 10));
}
