import { UnrecoverableError, type Job } from 'bullmq';
import { mergePayloadSchema } from '@store-monitor/jobs';
import { chunkResultSchema } from '../chunk-result';
import { elapsed } from '../elapsed';
import { parsePayload } from '../payload';
import { writeReportFile } from '../report-file';
import type { WorkerContext } from './context';
import { isFinished, reportStatus } from './report-status';

/** Runs once every chunk is done: their lines in index order become the report's CSV file. */
export async function processMerge(job: Job, context: WorkerContext): Promise<unknown> {
  const merge = parsePayload(mergePayloadSchema, job.data, job.name);
  const started = performance.now();
  const status = await reportStatus(context, merge.reportId);
  if (isFinished(status)) {
    context.log.info('merge skipped', { report: merge.reportId, status });
    return { skipped: status };
  }
  const chunks = orderedChunks(await job.getChildrenValues(), merge.chunkCount);
  const file = await writeReportFile(context.config.reportsDir, merge.reportId, chunks);
  // Before the report reads complete, so whoever sees it complete also sees the job at 100.
  await job.updateProgress(100);
  await context.records.markComplete(merge.reportId, file);
  const fields = { report: merge.reportId, rows: file.rowCount, chunks: merge.chunkCount, file: file.filePath };
  context.log.info('report complete', { ...fields, ms: elapsed(started) });
  return file;
}

/** The children's lines by chunk index; a missing or malformed result cannot be fixed by retrying. */
function orderedChunks(values: Record<string, unknown> | undefined, count: number): string[][] {
  const chunks: string[][] = new Array(count);
  for (const value of Object.values(values ?? {})) {
    const parsed = chunkResultSchema.safeParse(value);
    if (!parsed.success || parsed.data.index >= count) throw new UnrecoverableError('a chunk returned a malformed result');
    chunks[parsed.data.index] = parsed.data.lines;
  }
  const missing = [...chunks.keys()].filter((index) => chunks[index] === undefined);
  if (missing.length > 0) throw new UnrecoverableError(`results missing for chunks ${missing.map((i) => i + 1).join(', ')} of ${count}`);
  return chunks;
}
