import type { FlowJob } from 'bullmq';
import { REPORT_JOB_OPTIONS } from './job-options';
import { chunkJobId, mergeJobId } from './job-ids';
import { CHUNK_QUEUE, JOB, REPORT_QUEUE } from './queue-names';
import type { ChunkPayload, MergePayload, Policy } from './report-payloads';

type StoreRange = ChunkPayload['stores'];

export interface FlowRequest {
  reportId: string;
  policy: Policy;
  /** The report's resolved now: every chunk must use the same one. */
  asOfMs: number;
}

/**
 * A report as a BullMQ flow: the merge job waits for one chunk job per store range. A chunk that
 * fails for good fails the merge (failParentOnFailure), so a report is never left waiting for
 * a chunk that will not come.
 */
export function reportFlow(request: FlowRequest, ranges: StoreRange[]): FlowJob {
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
