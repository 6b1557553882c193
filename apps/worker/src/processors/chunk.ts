import type { Job } from 'bullmq';
import { inSnapshot, reportInSnapshot } from '@store-monitor/report-reader';
import { formatReportRow } from '@store-monitor/engine';
import { chunkPayloadSchema } from '@store-monitor/jobs';
import type { ChunkResult } from '../chunk-result';
import { elapsed } from '../elapsed';
import { parsePayload } from '../payload';
import { removeParts, writePart } from '../report-parts';
import type { WorkerContext } from './context';
import { isFinished, reportStatus } from './report-status';

/**
 * The CSV lines of one store range, read from one state of the data, go to the chunk's part
 * file; the merge gets which range and which state, and checks them.
 */
export async function processChunk(job: Job, context: WorkerContext): Promise<ChunkResult | { skipped: string }> {
  const chunk = parsePayload(chunkPayloadSchema, job.data, job.name);
  const fields = { report: chunk.reportId, chunk: `${chunk.index + 1}/${chunk.count}` };
  const status = await reportStatus(context, chunk.reportId);
  // The report already failed (another chunk) or completed: nothing will read these lines.
  if (isFinished(status)) {
    context.log.info('chunk skipped', { ...fields, status });
    return { skipped: status };
  }
  context.log.info('chunk started', { ...fields, attempt: job.attemptsMade + 1 });
  const started = performance.now();
  const { reportsDir } = context.config;
  const options = { policy: chunk.policy, asOf: chunk.asOfMs, stores: chunk.stores };
  const { rows, dataVersion } = await inSnapshot(context.db, (snapshot) => reportInSnapshot(snapshot, options));
  await writePart(reportsDir, chunk.reportId, chunk.index, rows.map(formatReportRow));
  // Failed while this chunk ran: its parts were removed before this one was written.
  if (isFinished(await reportStatus(context, chunk.reportId))) await removeParts(reportsDir, chunk.reportId);
  context.log.info('chunk done', { ...fields, rows: rows.length, dataVersion, ms: elapsed(started) });
  return { index: chunk.index, stores: chunk.stores, dataVersion, rows: rows.length };
}
