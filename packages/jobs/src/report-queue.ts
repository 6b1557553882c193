import type { Queue } from 'bullmq';
import { REPORT_JOB_OPTIONS } from './job-options';
import { planJobId } from './job-ids';
import { JOB } from './queue-names';
import { reportRequestSchema, type ReportRequest } from './report-payloads';

/**
 * Adds a report's plan job. The job id is the report id (a uuid: no ':'), so enqueueing the
 * same report twice is a no-op rather than a second build.
 */
export async function enqueueReport(queue: Queue, request: ReportRequest): Promise<void> {
  const payload = reportRequestSchema.parse(request);
  // The options explicitly: a queue opened without them as defaults (not by openReportQueues: a
  // test's, an operator's script) must still give the job its retries and trimming.
  await queue.add(JOB.plan, payload, { ...REPORT_JOB_OPTIONS, jobId: planJobId(payload.reportId) });
}
