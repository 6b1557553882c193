import { oneLine } from '@store-monitor/service';
import type { WorkerContext } from '../processors/context';
import type { ReportOutcome } from './worker-metrics';

/**
 * Records how long a report that this worker has just finished took, from its trigger (the
 * record's created_at) to its end (finished_at). Only a metric: a failure to read the record is
 * logged and never fails the job that finished the report.
 */
export async function recordReportDuration(
  reportId: string,
  outcome: ReportOutcome,
  context: WorkerContext,
): Promise<void> {
  try {
    const record = await context.records.get(reportId);
    if (record?.finishedAt == null) return;
    const seconds = (record.finishedAt.getTime() - record.createdAt.getTime()) / 1000;
    context.metrics.reportFinished(outcome, Math.max(0, seconds));
  } catch (error) {
    context.log.warn({ report: reportId, error: oneLine(error) }, 'report duration not recorded');
  }
}
