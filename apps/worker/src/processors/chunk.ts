import type { Job } from 'bullmq';
import { reportFromDatabase } from '@store-monitor/db';
import { formatReportRow } from '@store-monitor/engine';
import { chunkPayloadSchema } from '@store-monitor/jobs';
import type { ChunkResult } from '../chunk-result';
import { elapsed } from '../elapsed';
import { parsePayload } from '../payload';
import type { WorkerContext } from './context';
import { isFinished, reportStatus } from './report-status';

/** The CSV lines of one store range; they travel to the merge job as this job's return value. */
export async function processChunk(job: Job, context: WorkerContext): Promise<ChunkResult> {
  const chunk = parsePayload(chunkPayloadSchema, job.data, job.name);
  const fields = { report: chunk.reportId, chunk: `${chunk.index + 1}/${chunk.count}` };
  const status = await reportStatus(context, chunk.reportId);
  // The report already failed (another chunk) or completed: nothing will read these lines.
  if (isFinished(status)) {
    context.log.info('chunk skipped', { ...fields, status });
    return { index: chunk.index, lines: [] };
  }
  context.log.info('chunk started', { ...fields, attempt: job.attemptsMade + 1 });
  const started = performance.now();
  const stores = { first: chunk.firstStoreId, last: chunk.lastStoreId };
  const { rows } = await reportFromDatabase(context.config.databaseUrl, { policy: chunk.policy, asOf: chunk.asOfMs, stores });
  context.log.info('chunk done', { ...fields, rows: rows.length, ms: elapsed(started) });
  return { index: chunk.index, lines: rows.map(formatReportRow) };
}
