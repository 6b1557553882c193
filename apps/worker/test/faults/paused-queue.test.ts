import { JOB, REPORT_JOB_OPTIONS } from '@store-monitor/jobs';
import { startWorker, type RunningWorker } from '../../src/runtime';
import { ingestGenerated } from '../support/dataset';
import { collectingLogger, Harness } from '../support/harness';

/**
 * Fault: the reports queue paused (a writable board) while a report waits in it. The sweep cannot
 * fail it (resuming finishes it) but must say why it is still Running once it is past its bound.
 */
const harness = new Harness();
const logger = collectingLogger();
let worker: RunningWorker;

beforeAll(async () => {
  await harness.open();
  await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 30, days: 8, seed: 11 });
  worker = startWorker(
    harness.config({ REPORT_CHUNK_STORES: '10', STALE_SWEEP_SECONDS: '1', STALE_REPORT_SECONDS: '2' }),
    logger.log,
  );
  await worker.ready;
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await harness.close();
});

describe('fault: a paused reports queue', () => {
  it('has the sweep report a report waiting past its bound, naming the paused queue, and leaves it to finish on resume', async () => {
    await harness.reportsQueue.pause();
    const id = (await harness.records.create({ asOf: null, policy: 'nearest' })).id;
    await harness.reportsQueue.add(
      JOB.plan,
      { reportId: id, asOf: null, policy: 'nearest' },
      { ...REPORT_JOB_OPTIONS, jobId: id },
    );
    // Past its two seconds, and a few sweeps more.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    const said = logger.lines.filter((line) => line.includes(`report=${id}`));
    expect(said.length).toBeGreaterThan(0);
    for (const line of said)
      expect(line).toMatch(
        new RegExp(`stale report waits on a paused queue report=${id} paused=reports waitingSeconds=\\d+$`),
      );
    expect(await harness.records.get(id)).toMatchObject({ status: 'queued', error: null });

    await harness.reportsQueue.resume();
    expect(await harness.waitForReport(id)).toMatchObject({ status: 'complete', error: null });
  }, 60_000);
});
