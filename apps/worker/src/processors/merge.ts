import type { Job } from 'bullmq';
import { mergePayloadSchema, type MergePayload } from '@store-monitor/jobs';
import { elapsed } from '../elapsed';
import { oneLine } from '../one-line';
import { parsePayload } from '../payload';
import { removeFilesOfFailed } from '../failure';
import { writeReportFile } from '../report-file';
import { readPart, removeParts } from '../report-parts';
import { checkedChunkResults } from './chunk-results';
import type { WorkerContext } from './context';
import { bringToOneState } from './one-state';
import { isFinished, reportStatus } from './report-status';

/** Runs once every chunk is done: their parts, of one state of the data, become the report's CSV. */
export async function processMerge(job: Job, context: WorkerContext): Promise<unknown> {
  const merge = parsePayload(mergePayloadSchema, job.data, job.name);
  const started = performance.now();
  const status = await reportStatus(context, merge.reportId);
  if (isFinished(status)) {
    context.log.info('merge skipped', { report: merge.reportId, status });
    return { skipped: status };
  }
  const { reportsDir } = context.config;
  const results = checkedChunkResults(await job.getChildrenValues(), merge);
  const dataVersion = await bringToOneState(results, merge, context);
  const file = await writeReportFile(reportsDir, merge.reportId, parts(merge, reportsDir));
  await setFullProgress(job, merge, context);
  if (!(await context.records.markComplete(merge.reportId, { ...file, dataVersion }))) return discard(merge, context);
  await removeParts(reportsDir, merge.reportId);
  const fields = { report: merge.reportId, rows: file.rowCount, chunks: merge.chunkCount, dataVersion, file: file.filePath };
  context.log.info('report complete', { ...fields, ms: elapsed(started) });
  return { ...file, dataVersion };
}

/** The report failed meanwhile (the sweep, a failing job): a failed report has no file. */
async function discard(merge: MergePayload, context: WorkerContext): Promise<unknown> {
  await removeFilesOfFailed(merge.reportId, context);
  context.log.info('merge discarded', { report: merge.reportId, status: await reportStatus(context, merge.reportId) });
  return { skipped: 'finished meanwhile' };
}

async function* parts(merge: MergePayload, reportsDir: string): AsyncGenerator<string> {
  for (let index = 0; index < merge.chunkCount; index++) yield readPart(reportsDir, merge.reportId, index, merge.chunkCount);
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
    context.log.error('merge progress not recorded', { report: merge.reportId, error: oneLine(error as Error) });
  }
}
