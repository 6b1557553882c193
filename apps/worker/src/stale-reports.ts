import { Job, type Queue } from 'bullmq';
import type { ReportRecord } from '@store-monitor/db';
import { formatInstant } from '@store-monitor/engine';
import { enqueueReport, mergeJobId, planJobId, POLICIES, type Policy, type RedisClient } from '@store-monitor/jobs';
import { oneLine } from '@store-monitor/service';
import type { BackgroundTasks } from './background-tasks';
import { announceFinished } from './callbacks/announce';
import { failureMessage, removeFilesOfFailed } from './failure';
import { recordReportDuration } from './metrics/report-duration';
import type { WorkerContext } from './processors/context';

/** A report whose jobs are gone from Redis, after it was marked running. */
export const LOST_JOBS_ERROR = 'the report was abandoned: its jobs are no longer in the queue';

/** States in which a job will still run (or is running) without anyone's help. */
const LIVE_STATES = new Set(['active', 'waiting', 'wait', 'delayed', 'prioritized', 'waiting-children']);

/** Reports read per query of a sweep. */
const PAGE = 100;

type Verdict = { action: 'none' } | { action: 'requeue' } | { action: 'fail'; error: string };

/**
 * Every `staleSweepMs`, one worker (a Redis lock shared by all of them) looks at the reports that
 * have been queued or running for more than `staleReportMs` and finishes those nothing will
 * finish: a worker killed between BullMQ failing a job and markFailed, a database that was down
 * when the failure was recorded, jobs removed from Redis. A queued report whose plan job is gone is
 * enqueued again; the others are marked failed. Both are safe when sweeps overlap anyway: the job
 * id makes the enqueue idempotent and markFailed only moves a report that is still unfinished.
 */
export function startStaleReportSweep(context: WorkerContext, redis: RedisClient, tasks: BackgroundTasks): () => void {
  let sweeping = false;
  // A sweep waiting on an unreachable Redis or database is not joined by more of them.
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    tasks.run('sweeping stale reports', () => sweepOnce(context, redis).finally(() => (sweeping = false)));
  }, context.config.staleSweepMs);
  return () => clearInterval(timer);
}

/** One sweep, if no other worker holds this interval's lock. */
async function sweepOnce(context: WorkerContext, redis: RedisClient): Promise<void> {
  const lock = `${context.config.queuePrefix}:stale-report-sweep`;
  // Held for a little less than the interval, so the next sweep (on any worker) finds it free.
  const held = await redis.set(lock, '1', 'PX', Math.max(1, context.config.staleSweepMs - 100), 'NX');
  if (held !== 'OK') return;
  const cutoff = new Date(Date.now() - context.config.staleReportMs);
  const paused = await pausedQueues(context);
  // Page by page, so a backlog of live old reports does not hide the dead ones behind it. A report
  // failed here leaves the list and shifts the pages: one it makes skipped waits for the next sweep.
  for (let skip = 0; ; skip += PAGE) {
    const reports = await context.records.unfinishedBefore(cutoff, { skip, take: PAGE });
    for (const report of reports) {
      const verdict = await judge(report, context);
      if (verdict.action === 'none' && paused.length > 0) reportPaused(report, paused, context);
      await act(report, verdict, context);
    }
    if (reports.length < PAGE) return;
  }
}

/** The queues an operator has paused (the board, when writable): their jobs wait, however long. */
async function pausedQueues(context: WorkerContext): Promise<string[]> {
  const queues = [context.reports, context.chunks];
  const paused = await Promise.all(queues.map((queue) => queue.isPaused()));
  return queues.filter((_, i) => paused[i]).map((queue) => queue.name);
}

/**
 * A report past its bound whose jobs are alive but held by a paused queue is not failed (resuming
 * the queue finishes it), but it is said at every sweep: it would otherwise stay Running unexplained.
 */
function reportPaused(report: ReportRecord, paused: string[], context: WorkerContext): void {
  const waitingSeconds = Math.round((Date.now() - report.createdAt.getTime()) / 1000);
  const fields = { report: report.id, paused: paused.join(','), waitingSeconds };
  context.log.error(fields, 'stale report waits on a paused queue');
}

function isPolicy(text: string): text is Policy {
  return (POLICIES as readonly string[]).includes(text);
}

async function act(report: ReportRecord, verdict: Verdict, context: WorkerContext): Promise<void> {
  if (verdict.action === 'none') return;
  if (verdict.action === 'requeue' && isPolicy(report.policy)) {
    const asOf = report.asOfMs === null ? null : formatInstant(report.asOfMs);
    const maxGap = report.maxGapMs === null ? {} : { maxGapMs: report.maxGapMs };
    await enqueueReport(context.reports, { reportId: report.id, asOf, policy: report.policy, ...maxGap });
    context.log.error({ report: report.id, reason: 'its plan job is gone' }, 'stale report enqueued again');
    return;
  }
  if (verdict.action === 'requeue') {
    verdict = { action: 'fail', error: `${LOST_JOBS_ERROR}, and its policy "${report.policy}" is unknown` };
  }
  const failed = await context.records.markFailed(report.id, verdict.error);
  if (failed) await removeFilesOfFailed(report.id, context);
  context.log.error({ report: report.id, error: oneLine(verdict.error) }, 'stale report failed');
  if (failed) await recordReportDuration(report.id, 'failed', context);
  if (failed) await announceFinished(report.id, context);
}

/** What the report's jobs in BullMQ say: the merge job decides once it exists, else the plan job. */
async function judge(report: ReportRecord, context: WorkerContext): Promise<Verdict> {
  const merge = await Job.fromId(context.reports, mergeJobId(report.id));
  if (merge) return judgeMerge(merge, context);
  const plan = await Job.fromId(context.reports, planJobId(report.id));
  if (plan) return judgePlan(plan, context);
  // The plan job may have added the flow and been removed between the two reads: look again.
  const lateMerge = await Job.fromId(context.reports, mergeJobId(report.id));
  if (lateMerge) return judgeMerge(lateMerge, context);
  return report.status === 'queued' ? { action: 'requeue' } : { action: 'fail', error: LOST_JOBS_ERROR };
}

async function judgePlan(plan: Job, context: WorkerContext): Promise<Verdict> {
  const state = await plan.getState();
  if (LIVE_STATES.has(state)) return { action: 'none' };
  if (state === 'failed') return failed(plan, context.chunks);
  // Completed without a merge job and without finishing the report: the flow was lost.
  return { action: 'fail', error: LOST_JOBS_ERROR };
}

async function judgeMerge(merge: Job, context: WorkerContext): Promise<Verdict> {
  const state = await merge.getState();
  if (state === 'failed') return failed(merge, context.chunks);
  if (state === 'waiting-children') return judgeChunks(merge, context.chunks);
  if (LIVE_STATES.has(state)) return { action: 'none' };
  return { action: 'fail', error: LOST_JOBS_ERROR };
}

async function failed(job: Job, chunks: Queue): Promise<Verdict> {
  return { action: 'fail', error: await failureMessage(job, job.failedReason, chunks) };
}

/** A merge waits for its unfinished chunks; one that is gone (or failed unseen) never arrives. */
async function judgeChunks(merge: Job, chunks: Queue): Promise<Verdict> {
  for (const key of await unprocessedChildren(merge)) {
    const chunk = await Job.fromId(chunks, key.slice(key.lastIndexOf(':') + 1));
    if (!chunk) return { action: 'fail', error: LOST_JOBS_ERROR };
    if ((await chunk.getState()) === 'failed') return failed(chunk, chunks);
  }
  return { action: 'none' };
}

/** Every key of the merge's unfinished children, page by page (a set scan may return fewer per call). */
async function unprocessedChildren(merge: Job): Promise<string[]> {
  const keys: string[] = [];
  let cursor = 0;
  do {
    const page = await merge.getDependencies({ unprocessed: { cursor, count: 1000 } });
    keys.push(...(page.unprocessed ?? []));
    cursor = Number(page.nextUnprocessedCursor ?? 0);
  } while (cursor !== 0);
  return keys;
}
