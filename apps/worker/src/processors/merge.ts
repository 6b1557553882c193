import { UnrecoverableError, type Job } from 'bullmq';
import { mergePayloadSchema, type MergePayload } from '@store-monitor/jobs';
import { oneLine, PartMissingError } from '@store-monitor/service';
import { announceFinished } from '../callbacks/announce';
import { removeFilesOfFailed } from '../failure';
import { recordReportDuration } from '../metrics/report-duration';
import { checkedChunkResults } from './chunk-results';
import { elapsed, isFinished, parsePayload, reportStatus, type WorkerContext } from './context';
import { bringToOneState } from './one-state';

/** Runs once every chunk is done: their parts, of one state of the data, become the report's CSV. */
export async function processMerge(job: Job, context: WorkerContext): Promise<unknown> {
  const merge = parsePayload(mergePayloadSchema, job.data, job.name);
  const started = performance.now();
  const status = await reportStatus(context, merge.reportId);
  if (isFinished(status)) {
    context.log.info({ report: merge.reportId, status }, 'merge skipped');
    // A retry after a crash between marking the report and adding its callback: add it now.
    await announceFinished(merge.reportId, context);
    return { skipped: status };
  }
  const results = checkedChunkResults(await job.getChildrenValues(), merge);
  const dataVersion = await bringToOneState(results, merge, context);
  const shape = { withUnknown: merge.maxGapMs !== undefined };
  const file = await context.store.writeReport(merge.reportId, parts(merge, context), shape);
  await setFullProgress(job, merge, context);
  if (!(await context.records.markComplete(merge.reportId, { ...file, dataVersion }))) return discard(merge, context);
  await context.store.removeParts(merge.reportId);
  await recordReportDuration(merge.reportId, 'complete', context);
  await announceFinished(merge.reportId, context);
  const fields = { report: merge.reportId, rows: file.rowCount, chunks: merge.chunkCount, dataVersion };
  context.log.info({ ...fields, file: file.filePath, ms: elapsed(started) }, 'report complete');
  return { ...file, dataVersion };
}

/** The report failed meanwhile (the sweep, a failing job): a failed report has no file. */
async function discard(merge: MergePayload, context: WorkerContext): Promise<unknown> {
  await removeFilesOfFailed(merge.reportId, context);
  context.log.info({ report: merge.reportId, status: await reportStatus(context, merge.reportId) }, 'merge discarded');
  return { skipped: 'finished meanwhile' };
}

async function* parts(merge: MergePayload, context: WorkerContext): AsyncGenerator<string> {
  for (let index = 0; index < merge.chunkCount; index++) yield readPart(merge, index, context);
}

/** A part's text; a missing one is named, with the usual cause, and no retry brings it back. */
async function readPart(merge: MergePayload, index: number, context: WorkerContext): Promise<string> {
  try {
    return await context.store.readPart(merge.reportId, index);
  } catch (error) {
    if (!(error instanceof PartMissingError)) throw error;
    const missing = `the rows of chunk ${index + 1} of ${merge.chunkCount} are missing: ${error.location}`;
    throw new UnrecoverableError(`${missing} (do all workers share one report store: REPORTS_DIR or S3_BUCKET?)`);
  }
}

/**
 * Before the report reads complete, so whoever sees it complete also sees the job at 100. Only
 * for display: with the job's keys gone from Redis (a flush), the whole file still makes the
 * report complete.
 */
async function setFullProgress(job: Job, merge: MergePayload, context: WorkerContext): Promise<void> {
  try {
    await job.updateProgress(100);
  } catch (error) {
    context.log.error({ report: merge.reportId, error: oneLine(error) }, 'merge progress not recorded');
  }
}
