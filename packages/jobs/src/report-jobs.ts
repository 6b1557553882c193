import type { FlowJob, Queue } from 'bullmq';
import { REPORT_JOB_OPTIONS } from './job-options';
import { CHUNK_QUEUE, JOB, REPORT_QUEUE } from './report-queues';
import {
  reportRequestSchema,
  type ChunkPayload,
  type MergePayload,
  type Policy,
  type ReportRequest,
} from './report-payloads';

// The jobs of one report: their ids, the plan job the API adds, the flow the plan adds.

/**
 * Job ids of a report's jobs. BullMQ ignores an add whose job id already exists, so deriving every
 * id from the report id makes enqueueing and planning idempotent. Ids never contain ':', which
 * BullMQ reserves as its key separator; a report id is a uuid, so it is always the first 36
 * characters of any of them.
 */
export function planJobId(reportId: string): string {
  return reportId;
}

export function mergeJobId(reportId: string): string {
  return `${reportId}-merge`;
}

export function chunkJobId(reportId: string, index: number): string {
  return `${reportId}-chunk-${index}`;
}

const REPORT_JOB_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-merge|-chunk-(\d+))?$/i;

/** The report a job id belongs to, or undefined for an id that is none of the above. */
export function reportIdOfJob(jobId: string | undefined): string | undefined {
  return jobId === undefined ? undefined : REPORT_JOB_ID.exec(jobId)?.[1];
}

/**
 * Adds a report's plan job. The job id is the report id (a uuid: no ':'), so enqueueing the
 * same report twice is a no-op rather than a second build. `maxGapMs`, a positive whole number of
 * ms, is the report's max_gap; a request that breaks the schema throws before anything is added.
 */
export async function enqueueReport(queue: Queue, request: ReportRequest): Promise<void> {
  const payload = reportRequestSchema.parse(request);
  // The options explicitly: a queue opened without them as defaults (not by openReportQueues: a
  // test's, an operator's script) must still give the job its retries and trimming.
  await queue.add(JOB.plan, payload, { ...REPORT_JOB_OPTIONS, jobId: planJobId(payload.reportId) });
}

type StoreRange = ChunkPayload['stores'];

export interface FlowRequest {
  reportId: string;
  policy: Policy;
  /** The report's resolved now: every chunk must use the same one. */
  asOfMs: number;
  /** The report's max_gap, when it has one: every chunk and the merge use the same one. */
  maxGapMs?: number;
}

/**
 * A report as a BullMQ flow: the merge job waits for one chunk job per store range. A chunk that
 * fails for good fails the merge (failParentOnFailure), so a report is never left waiting for
 * a chunk that will not come.
 */
export function reportFlow(flowRequest: FlowRequest, ranges: StoreRange[]): FlowJob {
  const request = withoutUnsetGap(flowRequest);
  const merge: MergePayload = { ...request, chunkCount: ranges.length, ranges };
  return {
    name: JOB.merge,
    queueName: REPORT_QUEUE,
    data: merge,
    opts: { ...REPORT_JOB_OPTIONS, jobId: mergeJobId(request.reportId) },
    children: ranges.map((range, index) => {
      const chunk: ChunkPayload = { ...request, index, count: ranges.length, stores: range };
      return {
        name: JOB.chunk,
        queueName: CHUNK_QUEUE,
        data: chunk,
        opts: { ...REPORT_JOB_OPTIONS, jobId: chunkJobId(request.reportId, index), failParentOnFailure: true },
      };
    }),
  };
}

/**
 * The request without a `maxGapMs` key when it has no gap: a report without max_gap keeps the job
 * data it had before the option existed, key for key.
 */
function withoutUnsetGap(request: FlowRequest): FlowRequest {
  const { maxGapMs, ...rest } = request;
  return maxGapMs === undefined ? rest : { ...rest, maxGapMs };
}
