import { UnrecoverableError, type Job } from 'bullmq';
import { parseTimestamp } from '@store-monitor/csv';
import { mergeJobId, reportFlow, reportRequestSchema, type FlowRequest, type ReportRequest } from '@store-monitor/jobs';
import { planReport, type ReportPlan, type StoreRange } from '@store-monitor/report-reader';
import { recordReportDuration } from '../metrics/report-duration';
import { elapsed, parsePayload, reportStatus, type WorkerContext } from './context';

/** Marks the report running, resolves its now and store ranges, and adds its flow of chunks. */
export async function processPlan(job: Job, context: WorkerContext): Promise<unknown> {
  const request = parsePayload(reportRequestSchema, job.data, job.name);
  const started = performance.now();
  if (!(await context.records.markRunning(request.reportId))) return skipFinished(request, context);
  const asOf = request.asOf === null ? undefined : instantOf(request.asOf, job.name);
  const plan = await planReport(context.db, context.config.chunkStores, asOf);
  if (plan.now !== undefined) await context.records.setNow(request.reportId, plan.now);
  const maxGapMs = await maxGapOf(request, context);
  if (plan.now === undefined || plan.ranges.length === 0) return completeEmpty(request, plan, maxGapMs, context);
  const flow: FlowRequest = { reportId: request.reportId, policy: request.policy, asOfMs: plan.now, maxGapMs };
  const added = await addFlowOnce(context, flow, plan.ranges);
  const now = new Date(plan.now).toISOString();
  const fields = { report: request.reportId, chunks: plan.ranges.length, now, dataVersion: plan.dataVersion };
  context.log.info({ ...fields, ms: elapsed(started) }, added ? 'report planned' : 'report already planned');
  return { chunks: plan.ranges.length, asOfMs: plan.now };
}

/**
 * The report's max gap: the job's, or else the record's (a plan job added by a version that did not
 * carry it, or by hand). The record always has it when the report was asked for with one.
 */
async function maxGapOf(request: ReportRequest, context: WorkerContext): Promise<number | undefined> {
  if (request.maxGapMs !== undefined) return request.maxGapMs;
  return (await context.records.get(request.reportId))?.maxGapMs ?? undefined;
}

/**
 * A retried plan job (its first run died after adding the flow) must not add a second one: the
 * job ids already make BullMQ ignore the add, and checking first also covers chunks since removed.
 */
async function addFlowOnce(context: WorkerContext, request: FlowRequest, ranges: StoreRange[]): Promise<boolean> {
  if (await context.reports.getJob(mergeJobId(request.reportId))) return false;
  await context.flows.add(reportFlow(request, ranges));
  return true;
}

/** Read as `store-monitor report --as-of` reads it, microseconds included (Date.parse drops them). */
function instantOf(text: string, jobName: string): number {
  const instant = parseTimestamp(text);
  if (instant === null) {
    throw new UnrecoverableError(`invalid ${jobName} job: asOf: not an instant: ${JSON.stringify(text)}`);
  }
  return instant;
}

async function skipFinished(request: ReportRequest, context: WorkerContext): Promise<unknown> {
  const status = await reportStatus(context, request.reportId);
  context.log.info({ report: request.reportId, status }, 'report skipped');
  return { skipped: status };
}

/** No polls at all, or no stores: the report is the header alone, with no chunks to wait for. */
async function completeEmpty(
  request: ReportRequest,
  { dataVersion }: ReportPlan,
  maxGapMs: number | undefined,
  context: WorkerContext,
): Promise<unknown> {
  const file = await context.store.writeReport(request.reportId, [], { withUnknown: maxGapMs !== undefined });
  if (await context.records.markComplete(request.reportId, { ...file, dataVersion }))
    await recordReportDuration(request.reportId, 'complete', context);
  context.log.info({ report: request.reportId, rows: 0, chunks: 0, file: file.filePath }, 'report complete');
  return file;
}
