import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enqueueReport } from '@store-monitor/jobs';
import { cliReport, ingestGenerated, type ReportArgs } from '../support/dataset';
import { Harness } from '../support/harness';
import { FileWatch } from './support/file-watch';

/**
 * Fault: a worker killed (SIGKILL, no goodbye) while one of its chunks runs. Another worker must
 * take the chunk over (BullMQ's stalled-job check) and the report must come out exactly as an
 * undisturbed run of the same report, with no partial file ever visible at its final path.
 */
const harness = new Harness();
const ARGS: ReportArgs = { policy: 'nearest', asOf: '2024-04-06T12:00:00Z' };
let dataDir: string;

beforeAll(async () => {
  await harness.open();
  dataDir = await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 300, days: 8, seed: 3 });
}, 180_000);

afterAll(() => harness.close());

// 100 stores a chunk: long enough that the kill lands while the chunk runs.
const startProcess = () => harness.startProcess({ REPORT_CHUNK_STORES: '100' });

async function newReport(): Promise<string> {
  return (await harness.records.create({ asOf: new Date(ARGS.asOf!), policy: ARGS.policy })).id;
}

describe('fault: a worker killed mid-report', () => {
  it('completes the report, byte for byte as an undisturbed run, never showing a partial file', async () => {
    const [victim, survivor] = [await startProcess(), await startProcess()];
    const undisturbedId = await newReport();
    await enqueueReport(harness.reportsQueue, { reportId: undisturbedId, ...ARGS });
    const undisturbed = await harness.waitForReport(undisturbedId, 120_000);
    expect(undisturbed.status).toBe('complete');
    const expected = readFileSync(undisturbed.filePath!, 'utf8');
    expect(expected).toBe(cliReport({ data: dataDir }, ARGS));

    const reportId = await newReport();
    // The reports directory exists once a worker has started.
    const watch = new FileWatch(join(harness.reportsDir, `${reportId}.csv`));
    await enqueueReport(harness.reportsQueue, { reportId, ...ARGS });
    await victim.waitForLine(`chunk started report=${reportId}`);
    victim.signal('SIGKILL');
    await victim.exited;

    const record = await harness.waitForReport(reportId, 150_000);
    watch.stop();
    expect(record).toMatchObject({ status: 'complete', error: null, progress: 1 });
    expect(readFileSync(record.filePath!, 'utf8')).toBe(expected);
    // Every read of the final path, from before the report started to after it completed.
    expect([...watch.seen]).toEqual([expected]);
    // And the name appeared once, whole, by a rename: never created empty and written into.
    expect(watch.events).toEqual(['rename']);
    // The kill landed mid-chunk: the survivor took over a stalled job.
    const chunks = (await harness.chunksQueue.getJobs(['completed'])).filter((job) => job.data.reportId === reportId);
    expect(chunks.map((job) => job.stalledCounter).sort()).toEqual([0, 0, 1]);
    expect(survivor.count('job stalled')).toBeGreaterThan(0);
    // No temporary file left behind by the merge.
    expect(readdirSync(harness.reportsDir).sort()).toEqual([`${undisturbedId}.csv`, `${reportId}.csv`].sort());
  }, 300_000);
});
