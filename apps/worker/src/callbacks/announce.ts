import type { ReportRecord } from '@store-monitor/db';
import { enqueueCallback, type CallbackBody } from '@store-monitor/jobs';
import type { WorkerContext } from '../processors/context';

/**
 * Called once a report has completed or failed: if it has a callback_url, adds its callback job,
 * whose body is fixed now from the record. The job id is derived from the report, so announcing
 * twice (a merge retried after a crash between marking the report and adding the job) sends once.
 */
export async function announceFinished(reportId: string, context: WorkerContext): Promise<void> {
  const record = await context.records.get(reportId);
  if (record === null || record.callbackUrl === null) return;
  if (record.status !== 'complete' && record.status !== 'failed') return;
  const { attempts, backoffMs } = context.config.callbacks;
  const payload = { reportId, callbackUrl: record.callbackUrl, body: callbackBody(record, context) };
  await enqueueCallback(context.callbacks, payload, { attempts, backoffMs });
  context.log.info({ report: reportId, status: record.status }, 'callback queued');
}

function callbackBody(record: ReportRecord, context: WorkerContext): CallbackBody {
  const complete = record.status === 'complete';
  return {
    report_id: record.id,
    status: complete ? 'complete' : 'failed',
    rows: complete ? (record.rowCount ?? 0) : null,
    url: reportUrl(record.id, context.config.callbacks.publicUrl),
    error: complete ? null : (record.error ?? 'the report failed'),
  };
}

/** GET /get_report for this report, on PUBLIC_URL when set, else the path alone. */
export function reportUrl(reportId: string, publicUrl: string | undefined): string {
  return `${publicUrl ?? ''}/get_report?report_id=${reportId}`;
}
