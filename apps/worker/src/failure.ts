import { Job, type Queue } from 'bullmq';
import { JOB, reportIdOfJob } from '@store-monitor/jobs';
import { oneLine } from '@store-monitor/service';
import type { BackgroundTasks } from './background-tasks';
import { announceFinished } from './callbacks/announce';
import { recordReportDuration } from './metrics/report-duration';
import type { WorkerContext } from './processors/context';

/** BullMQ's own message on a parent whose child failed (failParentOnFailure). */
const CHILD_FAILED = /^child (.+):([^:]+) failed$/;

/**
 * Marks a report failed once one of its jobs has failed for good, so no report stays `running`
 * because of a job that will not run again. Attempts that will be retried are only logged.
 */
export function failedJobListener(context: WorkerContext, tasks: BackgroundTasks) {
  return (job: Job | undefined, error: Error): void => {
    if (!job) return;
    if (!isFinalFailure(job, error)) {
      const fields = { report: reportIdOf(job), job: job.id, attempt: job.attemptsMade, retryInMs: job.delay };
      context.log.error({ ...fields, error: oneLine(error) }, 'job will retry');
      return;
    }
    tasks.run('marking a report failed', () => failReport(job, error, context));
  };
}

/** Called after BullMQ moved the job, so attemptsMade already counts this attempt. */
function isFinalFailure(job: Job, error: Error): boolean {
  return error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

async function failReport(job: Job, error: Error, context: WorkerContext): Promise<void> {
  const message = await failureMessage(job, error.message, context.chunks);
  const reportId = reportIdOf(job);
  if (reportId === undefined) {
    context.log.error({ job: job.id, name: job.name, error: message }, 'job failed');
    return;
  }
  let failed = false;
  await withRetries(async () => {
    failed = await context.records.markFailed(reportId, message);
  });
  if (failed) await removeFilesOfFailed(reportId, context);
  context.log.error({ report: reportId, job: job.id, error: message }, 'report failed');
  if (failed) await recordReportDuration(reportId, 'failed', context);
  if (failed) await announceFinished(reportId, context);
}

/**
 * What a failed report wrote goes: its parts, and its file if a merge wrote it before failing
 * (say Redis lost the job after the file was written), so a whole CSV never stands beside Failed.
 * A report already complete was not moved by markFailed, so its file is never touched here.
 */
export async function removeFilesOfFailed(reportId: string, context: WorkerContext): Promise<void> {
  await context.store.removeReport(reportId);
  await context.store.removeParts(reportId);
}

/** The report a job is for: from its id (ours are derived from the report id), else its data. */
function reportIdOf(job: Job): string | undefined {
  const claimed: unknown = job.data?.reportId;
  const fromData = typeof claimed === 'string' && reportIdOfJob(claimed) === claimed ? claimed : undefined;
  return reportIdOfJob(job.id) ?? fromData;
}

/**
 * One line for the report's error. A merge failed by its child is described by that child, so
 * the report says the same whichever of the two failures is recorded first.
 */
export async function failureMessage(job: Job, reason: string, chunks: Queue): Promise<string> {
  const child = CHILD_FAILED.exec(reason);
  if (child && child[1] === chunks.qualifiedName) {
    const childJob = await Job.fromId(chunks, child[2]);
    if (childJob) return describeFailure(childJob, childJob.failedReason);
  }
  return describeFailure(job, reason);
}

function describeFailure(job: Job, reason: string): string {
  const attempts = job.attemptsMade > 1 ? ` after ${job.attemptsMade} attempts` : '';
  return `${jobLabel(job)} failed${attempts}: ${oneLine(reason)}`;
}

function jobLabel(job: Job): string {
  const { index, count } = (job.data ?? {}) as { index?: unknown; count?: unknown };
  if (job.name === JOB.chunk && Number.isInteger(index) && Number.isInteger(count)) {
    return `chunk ${Number(index) + 1} of ${count}`;
  }
  if (job.name === JOB.plan) return 'planning';
  if (job.name === JOB.merge) return 'merging';
  return `job "${job.name}"`;
}

/** The database may be the reason the job failed; give it a moment before giving up. */
async function withRetries(action: () => Promise<void>, delaysMs = [500, 2000]): Promise<void> {
  for (const delay of delaysMs) {
    try {
      return await action();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  await action();
}
