import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { mergeJobId } from '@store-monitor/jobs';
import { partsDir } from '@store-monitor/service';
import { startWorker, type RunningWorker } from '../../src/runtime';
import { cliReport, ingestGenerated } from '../support/dataset';
import { collectingLogger, Harness } from '../support/harness';
import { reportWithLastChunkHeld } from '../support/held-report';
import { redisText } from '../support/redis-text';
import { waitFor } from '@store-monitor/test-support';

const CHUNK_STORES = 10;

const harness = new Harness();
const logger = collectingLogger();
let worker: RunningWorker;

beforeAll(async () => {
  await harness.open();
  await ingestGenerated(harness.databaseUrl, harness.dataDir, { stores: 30, days: 9, seed: 5 });
  // No sweep during these tests: they are about what the merge itself leaves.
  const config = harness.config({
    REPORT_CHUNK_STORES: String(CHUNK_STORES),
    WORKER_CONCURRENCY: '1',
    STALE_SWEEP_SECONDS: '3600',
  });
  worker = startWorker(config, logger.log);
  await worker.ready;
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await harness.close();
});

/**
 * A running report whose merge is held while it reads its first part file: that part is swapped
 * for a named pipe, and `release` writes the part's rows into it. By then the merge has read its
 * chunks' results from Redis, so whatever the test does before `release` lands mid-merge.
 */
async function mergeHeldAtItsFile(): Promise<{ id: string; release: () => void }> {
  const { id, release: releaseChunk } = await reportWithLastChunkHeld(harness, CHUNK_STORES);
  const part = join(partsDir(harness.reportsDir, id), '0.csv');
  const rows = readFileSync(part);
  rmSync(part);
  execFileSync('mkfifo', [part]);
  await releaseChunk();
  // A writer opening without blocking succeeds only once the merge has the pipe open to read.
  const pipe = await waitFor('the merge to read its first part', 30_000, async () => {
    try {
      return openSync(part, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch {
      return undefined;
    }
  });
  return {
    id,
    release: () => {
      writeSync(pipe, rows);
      closeSync(pipe);
    },
  };
}

describe('a merge whose world changes while it writes the file', () => {
  it('marks the report complete when Redis is flushed meanwhile, since the file is whole', async () => {
    const merge = await mergeHeldAtItsFile();
    await harness.flushQueueKeys();
    expect(await redisText(harness.redis, `${harness.prefix}:*${merge.id}*`)).toBe('');
    merge.release();

    const record = await harness.waitForReport(merge.id, 15_000);
    expect(record).toMatchObject({ status: 'complete', error: null, progress: 1, rowCount: 30, dataVersion: 4 });
    expect(readFileSync(record.filePath!, 'utf8')).toBe(
      cliReport({ databaseUrl: harness.databaseUrl }, { policy: 'nearest', asOf: null }),
    );
    expect(existsSync(partsDir(harness.reportsDir, merge.id))).toBe(false);
    expect(logger.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          ` merge progress not recorded report=${merge.id} error="Missing key for job ${merge.id}-merge. updateProgress"$`,
        ),
      ),
    );
  });

  it('removes the file it wrote when the report was marked failed meanwhile (as the sweep does)', async () => {
    const merge = await mergeHeldAtItsFile();
    await harness.records.markFailed(merge.id, 'abandoned: its jobs are no longer in the queue');
    merge.release();

    await waitFor(
      'the merge to finish',
      15_000,
      async () => (await harness.reportsQueue.getJobState(mergeJobId(merge.id))) === 'completed',
    );
    const record = await harness.records.get(merge.id);
    expect(record).toMatchObject({
      status: 'failed',
      error: 'abandoned: its jobs are no longer in the queue',
      filePath: null,
    });
    expect(existsSync(join(harness.reportsDir, `${merge.id}.csv`))).toBe(false);
    expect(existsSync(partsDir(harness.reportsDir, merge.id))).toBe(false);
    expect(logger.lines).toContainEqual(
      expect.stringMatching(new RegExp(` merge discarded report=${merge.id} status=failed$`)),
    );
  });
});
