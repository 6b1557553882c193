import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { describeRange, rangeCoverageProblem, sameRange } from '@store-monitor/report-reader';
import { chunkJobId, storeRangeSchema, type MergePayload } from '@store-monitor/jobs';

/**
 * What a chunk job returns: which stores it read, with which max gap, from which state of the data,
 * and how many rows it wrote to its part (see ReportStore.writePart). The rows themselves stay out
 * of Redis, where a job's return value lives on in its hash and the queue's event stream.
 */
const chunkResultSchema = z.object({
  index: z.number().int().nonnegative(),
  stores: storeRangeSchema,
  /** Absent without a max gap; with one, the chunk's lines have the three unknown columns. */
  maxGapMs: z.number().optional(),
  dataVersion: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
});
export type ChunkResult = z.infer<typeof chunkResultSchema>;

/**
 * The children's results by chunk index, checked against the plan: the planned ranges cover every
 * store exactly once, and each chunk read the range planned for it with the report's max gap. A
 * job's data can be edited (Bull Board), and a report with stores silently missing, or with lines
 * of two shapes under one header, must not read complete. None of this can be fixed by retrying.
 */
export function checkedChunkResults(values: Record<string, unknown> | undefined, merge: MergePayload): ChunkResult[] {
  const count = merge.chunkCount;
  const problem =
    merge.ranges.length === count
      ? rangeCoverageProblem(merge.ranges)
      : `${merge.ranges.length} ranges for ${count} chunks`;
  if (problem !== undefined) throw new UnrecoverableError(`the planned ranges do not cover every store: ${problem}`);
  const results: ChunkResult[] = new Array(count);
  for (const [key, value] of Object.entries(values ?? {})) {
    const parsed = chunkResultSchema.safeParse(value);
    const ownKey = parsed.success && key.endsWith(`:${chunkJobId(merge.reportId, parsed.data.index)}`);
    if (!parsed.success || parsed.data.index >= count || !ownKey) {
      throw new UnrecoverableError(`a chunk returned a malformed result (${key.slice(key.lastIndexOf(':') + 1)})`);
    }
    results[parsed.data.index] = parsed.data;
  }
  const missing = [...results.keys()].filter((index) => results[index] === undefined);
  if (missing.length > 0) {
    throw new UnrecoverableError(`results missing for chunks ${missing.map((i) => i + 1).join(', ')} of ${count}`);
  }
  for (const result of results) checkResult(result, merge);
  return results;
}

function checkResult(result: ChunkResult, merge: MergePayload): void {
  const chunk = `chunk ${result.index + 1} of ${merge.chunkCount}`;
  const planned = merge.ranges[result.index];
  if (!sameRange(result.stores, planned)) {
    throw new UnrecoverableError(
      `${chunk} read the stores ${describeRange(result.stores)}, but was planned for the stores ${describeRange(planned)}`,
    );
  }
  if (result.maxGapMs !== merge.maxGapMs) {
    throw new UnrecoverableError(
      `${chunk} was read with max gap ${gapText(result.maxGapMs)}, but the report's is ${gapText(merge.maxGapMs)}`,
    );
  }
}

function gapText(maxGapMs: number | undefined): string {
  return maxGapMs === undefined ? 'none' : `${maxGapMs} ms`;
}
