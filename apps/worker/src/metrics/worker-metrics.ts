import { Counter, Histogram, type Registry } from 'prom-client';
import { CALLBACK_JOB, JOB, type ReportQueues } from '@store-monitor/jobs';
import { METRIC_PREFIX, newMetricsRegistry, watchQueueDepths } from '@store-monitor/service';

/** Seconds: a plan or a merge takes well under a second, a chunk of thousands of stores minutes. */
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
/** Seconds from the trigger to the end: queued time included, so up to an hour. */
const REPORT_BUCKETS = [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** The job label's values: every job name the worker runs; any other is `other`, so labels stay few. */
const JOB_NAMES = new Set<string>([JOB.plan, JOB.merge, JOB.chunk, CALLBACK_JOB]);

export type ReportOutcome = 'complete' | 'failed';

/**
 * One worker process's metrics, in a registry of its own: how long its jobs take, how many
 * completed or failed, how long the reports it finished took from their trigger, and (read from
 * Redis at scrape time) the queue depths, as the API shows them too.
 */
export class WorkerMetrics {
  readonly registry: Registry = newMetricsRegistry();
  private readonly jobDuration = new Histogram({
    name: `${METRIC_PREFIX}job_duration_seconds`,
    help: 'Time each job of this worker took to run, by queue and job (plan, merge, chunk, callback), failed runs included',
    labelNames: ['queue', 'job'],
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  private readonly completed = new Counter({
    name: `${METRIC_PREFIX}jobs_completed_total`,
    help: 'Jobs this worker completed, by queue',
    labelNames: ['queue'],
    registers: [this.registry],
  });
  private readonly failed = new Counter({
    name: `${METRIC_PREFIX}jobs_failed_total`,
    help: 'Job attempts that failed on this worker, by queue, whether or not they will be retried',
    labelNames: ['queue'],
    registers: [this.registry],
  });
  private readonly reportDuration = new Histogram({
    name: `${METRIC_PREFIX}report_duration_seconds`,
    help: 'Time from a report being triggered to this worker finishing it, by outcome (complete, failed)',
    labelNames: ['outcome'],
    buckets: REPORT_BUCKETS,
    registers: [this.registry],
  });

  /** Runs a job, timing it whatever its end. */
  async timeJob<T>(queue: string, jobName: string, run: () => Promise<T>): Promise<T> {
    const stop = this.jobDuration.startTimer({ queue, job: JOB_NAMES.has(jobName) ? jobName : 'other' });
    try {
      return await run();
    } finally {
      stop();
    }
  }

  jobCompleted(queue: string): void {
    this.completed.inc({ queue });
  }

  jobFailed(queue: string): void {
    this.failed.inc({ queue });
  }

  reportFinished(outcome: ReportOutcome, seconds: number): void {
    this.reportDuration.observe({ outcome }, seconds);
  }

  /** The queue gauges, for the queues this worker takes jobs from. */
  watchQueues(queues: ReportQueues): void {
    watchQueueDepths(this.registry, () => [queues.reports, queues.chunks, queues.callbacks]);
  }
}
