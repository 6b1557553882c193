import { Job } from 'bullmq';
import { planReport, type ReportPlan } from '@store-monitor/report-reader';
import { chunkJobId, reportFlow, type Policy } from '@store-monitor/jobs';
import type { Harness } from './harness';
import { waitFor } from '@store-monitor/test-support';

export interface HeldReport {
  id: string;
  plan: ReportPlan;
  /** Lets the held last chunk run. */
  release: () => Promise<void>;
}

/**
 * A running report planned as the plan job plans it, its last chunk held back, returned once every
 * other chunk is done: the moment to change what the rest of the report would read.
 */
export async function reportWithLastChunkHeld(
  harness: Harness,
  chunkStores: number,
  policy: Policy = 'nearest',
  maxGapMs?: number,
): Promise<HeldReport> {
  const { id } = await harness.records.create({ asOf: null, policy, maxGapMs });
  await harness.records.markRunning(id);
  const plan = await planReport(harness.db, chunkStores);
  const last = plan.ranges.length - 1;
  await harness.records.setNow(id, plan.now!);
  const flow = reportFlow({ reportId: id, policy, asOfMs: plan.now!, maxGapMs }, plan.ranges);
  flow.children![last].opts = { ...flow.children![last].opts, delay: 3_600_000 };
  await harness.addFlow(flow);
  await waitFor('every chunk but the last', 60_000, async () => {
    const states = await Promise.all(
      [...Array(last).keys()].map((index) => harness.chunksQueue.getJobState(chunkJobId(id, index))),
    );
    return states.every((state) => state === 'completed');
  });
  const held = (await Job.fromId(harness.chunksQueue, chunkJobId(id, last)))!;
  return { id, plan, release: () => held.promote() };
}
