import { dropPollPartitionsBefore, ensurePollPartitions, type ReportRecords } from '@store-monitor/db';
import type { RedisClient } from '@store-monitor/jobs';
import type { LogWriter, ReportStore } from '@store-monitor/service';
import type { Database } from '@store-monitor/db';
import type { BackgroundTasks } from './background-tasks';
import type { WorkerContext } from './processors/context';
import type { RetentionSettings } from './retention-settings';

const DAY_MS = 86_400_000;
const WEEK_US = 7 * DAY_MS * 1000;
/** Reports removed per query of a sweep. */
const PAGE = 100;

/** What a retention sweep uses (a part of the worker's context, so a test can give it alone). */
export interface RetentionContext {
  db: Database;
  records: ReportRecords;
  store: ReportStore;
  log: LogWriter;
  retention: RetentionSettings;
}

export interface RetentionOutcome {
  /** Partitions made for the current and next week (0 when both were there). */
  madePartitions: number;
  droppedPartitions: string[];
  removedReports: string[];
}

/**
 * At start and then every `staleSweepMs`, one worker (a Redis lock shared by all) keeps the polls
 * partitions of this week and the next made ahead of the polls, and applies the retention
 * settings. Like the stale-report sweep, a sweep still running is not joined by another.
 */
export function startRetentionSweep(context: WorkerContext, redis: RedisClient, tasks: BackgroundTasks): () => void {
  const parts: RetentionContext = { ...context, retention: context.config.retention };
  const lock = `${context.config.queuePrefix}:retention-sweep`;
  let sweeping = false;
  const sweep = (): void => {
    if (sweeping) return;
    sweeping = true;
    tasks.run('retention sweep', async () => {
      try {
        const held = await redis.set(lock, '1', 'PX', Math.max(1, context.config.staleSweepMs - 100), 'NX');
        if (held === 'OK') await sweepRetentionOnce(parts, Date.now());
      } finally {
        sweeping = false;
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, context.config.staleSweepMs);
  return () => clearInterval(timer);
}

/** One sweep at `nowMs`: partitions ahead, then whole old weeks of polls, then old reports. */
export async function sweepRetentionOnce(context: RetentionContext, nowMs: number): Promise<RetentionOutcome> {
  const { db, log, retention } = context;
  const nowUs = nowMs * 1000;
  const madePartitions = await ensurePollPartitions(db, [nowUs, nowUs + WEEK_US]);
  if (madePartitions > 0) log.info({ partitions: madePartitions }, 'polls partitions made ahead');
  let droppedPartitions: string[] = [];
  if (retention.pollsDays !== undefined) {
    const cutoff = new Date(nowMs - retention.pollsDays * DAY_MS);
    droppedPartitions = await dropPollPartitionsBefore(db, cutoff);
    if (droppedPartitions.length > 0) {
      const fields = { partitions: droppedPartitions.join(','), before: cutoff.toISOString() };
      log.info(fields, 'old polls partitions dropped (POLLS_RETENTION_DAYS)');
    }
  }
  const removedReports =
    retention.reportsDays === undefined
      ? []
      : await removeOldReports(context, new Date(nowMs - retention.reportsDays * DAY_MS));
  return { madePartitions, droppedPartitions, removedReports };
}

/**
 * Finished reports older than `cutoff`: each one's file and parts first, then its record, so a
 * record is never gone while its file stays (a failure keeps the record for the next sweep).
 */
async function removeOldReports(context: RetentionContext, cutoff: Date): Promise<string[]> {
  const removed: string[] = [];
  for (;;) {
    const reports = await context.records.finishedBefore(cutoff, PAGE);
    for (const report of reports) {
      await context.store.removeReport(report.id);
      await context.store.removeParts(report.id);
      if (await context.records.removeFinished(report.id)) removed.push(report.id);
    }
    if (reports.length < PAGE) break;
  }
  if (removed.length > 0) {
    context.log.info(
      { reports: removed.length, before: cutoff.toISOString() },
      'old reports removed (REPORTS_RETENTION_DAYS)',
    );
  }
  return removed;
}
