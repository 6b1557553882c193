import { formatReportRow } from '@store-monitor/engine';
import type { MergePayload } from '@store-monitor/jobs';
import { inSnapshot, reportInSnapshot } from '@store-monitor/report-reader';
import type { ChunkResult } from './chunk-results';
import { elapsed, type WorkerContext } from './context';

/**
 * Makes every chunk's rows reflect one state of the data and says which. Chunks read at their own
 * moments; when a load landed between them, they disagree, and the merge reads the chunks that
 * differ from its own (newer) snapshot again, so the report is never a mix of two states.
 */
export async function bringToOneState(
  results: ChunkResult[],
  merge: MergePayload,
  context: WorkerContext,
): Promise<number> {
  const versions = new Set(results.map((result) => result.dataVersion));
  if (versions.size === 1) return results[0].dataVersion;
  const started = performance.now();
  return inSnapshot(context.db, async (snapshot) => {
    const stale = results.filter((result) => result.dataVersion !== snapshot.dataVersion);
    for (const result of stale) {
      const stores = merge.ranges[result.index];
      const options = { policy: merge.policy, asOf: merge.asOfMs, stores, maxGapMs: merge.maxGapMs };
      const { rows } = await reportInSnapshot(snapshot, options);
      await context.store.writePart(merge.reportId, result.index, rows.map(formatReportRow));
    }
    const seen = [...versions].sort((a, b) => a - b).join(' ');
    const fields = { report: merge.reportId, chunks: stale.length, seen, dataVersion: snapshot.dataVersion };
    context.log.info({ ...fields, ms: elapsed(started) }, 'chunks read again');
    return snapshot.dataVersion;
  });
}
