import type { Job } from 'bullmq';
import { formatReportRow } from '@store-monitor/engine';
import { chunkPayloadSchema } from '@store-monitor/jobs';
import { inSnapshot, reportInSnapshot } from '@store-monitor/report-reader';
import type { ChunkResult } from './chunk-results';
import { elapsed, isFinished, parsePayload, reportStatus, type WorkerContext } from './context';

/**
 * The CSV lines of one store range, read from one state of the data, go to the chunk's part
 * in the report store; the merge gets which range and which state, and checks them.
 */
export async function processChunk(job: Job, context: WorkerContext): Promise<ChunkResult | { skipped: string }> {
  const chunk = parsePayload(chunkPayloadSchema, job.data, job.name);
  const fields = { report: chunk.reportId, chunk: `${chunk.index + 1}/${chunk.count}` };
  const status = await reportStatus(context, chunk.reportId);
  // The report already failed (another chunk) or completed: nothing will read these lines.
  if (isFinished(status)) {
    context.log.info({ ...fields, status }, 'chunk skipped');
    return { skipped: status };
  }
  context.log.info({ ...fields, attempt: job.attemptsMade + 1 }, 'chunk started');
  const started = performance.now();
  const options = { policy: chunk.policy, asOf: chunk.asOfMs, stores: chunk.stores, maxGapMs: chunk.maxGapMs };
  const { rows, dataVersion } = await inSnapshot(context.db, (snapshot) => reportInSnapshot(snapshot, options));
  await context.store.writePart(chunk.reportId, chunk.index, rows.map(formatReportRow));
  // Failed while this chunk ran: its parts were removed before this one was written.
  if (isFinished(await reportStatus(context, chunk.reportId))) await context.store.removeParts(chunk.reportId);
  context.log.info({ ...fields, rows: rows.length, dataVersion, ms: elapsed(started) }, 'chunk done');
  return { index: chunk.index, stores: chunk.stores, maxGapMs: chunk.maxGapMs, dataVersion, rows: rows.length };
}
