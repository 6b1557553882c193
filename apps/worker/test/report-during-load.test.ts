import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliReport, ingestGenerated, ingestPollRows } from './support/dataset';
import { Harness } from './support/harness';
import { reportWithLastChunkHeld } from './support/held-report';
import type { WorkerProcess } from './support/worker-process';

const HOUR = 3_600_000;
const harness = new Harness();
let workers: WorkerProcess[];

beforeAll(async () => {
  await harness.open();
  await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 300, days: 8, seed: 13 });
  const settings = { REPORT_CHUNK_STORES: '25' };
  workers = [await harness.startProcess(settings), await harness.startProcess(settings)];
}, 180_000);

afterAll(() => harness.close());

describe('a report built by two worker processes while a backfill is loaded', () => {
  it('is the report of the data after the backfill, not a mix of before and after', async () => {
    const before = cliReport({ databaseUrl: harness.databaseUrl }, { policy: 'nearest', asOf: null });
    const report = await reportWithLastChunkHeld(harness, 25);
    expect(report.plan.ranges).toHaveLength(12);
    // 3,000 polls over the first and last 50 stores (the first and the held chunks read them).
    const ids = before
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]);
    const polls: string[] = [];
    for (const id of [...ids.slice(0, 50), ...ids.slice(-50)]) {
      for (let n = 1; n <= 30; n++)
        polls.push(`${id},inactive,${new Date(report.plan.now! - n * HOUR - 1_000).toISOString()}`);
    }
    await ingestPollRows(harness.databaseUrl, join(harness.workDir, 'backfill.csv'), polls);
    const after = cliReport({ databaseUrl: harness.databaseUrl }, { policy: 'nearest', asOf: null });
    expect(after).not.toBe(before);

    await report.release();
    const record = await harness.waitForReport(report.id, 120_000);
    expect(record).toMatchObject({ status: 'complete', dataVersion: report.plan.dataVersion + 1 });
    expect(readFileSync(record.filePath!, 'utf8')).toBe(after);
    const readAgain = workers
      .flatMap((worker) => worker.lines)
      .filter((line) => line.includes(`chunks read again report=${report.id} `));
    expect(readAgain).toHaveLength(1);
    expect(readAgain[0]).toContain(`chunks=11 seen="4 5" dataVersion=5`);
  }, 180_000);
});
