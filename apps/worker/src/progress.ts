import { Job } from 'bullmq';
import { chunkPayloadSchema } from '@store-monitor/jobs';
import type { BackgroundTasks } from './background-tasks';
import type { WorkerContext } from './processors/context';

/**
 * After each chunk, the report's progress is the share of its chunks done, counted by the merge
 * job (the parent) so chunks finishing on other workers count too. Written to PostgreSQL for the
 * API and onto the merge job for Bull Board.
 */
export function completedChunkListener(context: WorkerContext, tasks: BackgroundTasks) {
  return (job: Job): void => tasks.run('recording progress', () => recordProgress(job, context));
}

async function recordProgress(job: Job, context: WorkerContext): Promise<void> {
  const chunk = chunkPayloadSchema.safeParse(job.data);
  const parentId = job.parent?.id;
  if (!chunk.success || parentId === undefined) return;
  const parent = await Job.fromId(context.reports, parentId);
  if (!parent) return;
  const { processed = 0 } = await parent.getDependenciesCount({ processed: true });
  const fraction = Math.min(1, processed / chunk.data.count);
  await context.records.setProgress(chunk.data.reportId, fraction);
  const percent = Math.floor(fraction * 100);
  // Completions on several workers race; like the database's, the job's progress only grows.
  if (typeof parent.progress !== 'number' || percent > parent.progress) await parent.updateProgress(percent);
}
