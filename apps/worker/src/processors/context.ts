import { UnrecoverableError, type FlowProducer, type Job, type Queue } from 'bullmq';
import type { z } from 'zod';
import type { Database, ReportRecords, ReportStatus } from '@store-monitor/db';
import type { LogWriter, ReportStore } from '@store-monitor/service';
import type { WorkerConfig } from '../config';
import type { WorkerMetrics } from '../metrics/worker-metrics';

/** What every processor may use; built once by the runtime. */
export interface WorkerContext {
  config: WorkerConfig;
  /** The process's one pool (snapshots and plans), and Prisma on it (records). */
  db: Database;
  records: ReportRecords;
  /** Where chunks leave their rows and merges write the report. */
  store: ReportStore;
  /** Plan and merge jobs. */
  reports: Queue;
  /** Chunk jobs. */
  chunks: Queue;
  /** Report callbacks: one job per finished report with a callback_url. */
  callbacks: Queue;
  flows: FlowProducer;
  log: LogWriter;
  /** The process's metrics (metrics/worker-metrics.ts). */
  metrics: WorkerMetrics;
}

export type Processor = (job: Job, context: WorkerContext) => Promise<unknown>;

/**
 * A job's data checked against its schema. Bad data stays bad however often it is retried, so it
 * fails the job at once (UnrecoverableError) instead of using up the retries.
 */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown, jobName: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`);
  throw new UnrecoverableError(`invalid ${jobName} job: ${issues.join('; ')}`);
}

/** A job for a report the database does not know is bad input: retrying cannot make it appear. */
export async function reportStatus(context: WorkerContext, reportId: string): Promise<ReportStatus> {
  const record = await context.records.get(reportId);
  if (record === null) throw new UnrecoverableError(`report ${reportId} does not exist`);
  return record.status;
}

/** A complete or failed report stays so: its late or repeated jobs have nothing left to do. */
export function isFinished(status: ReportStatus): boolean {
  return status !== 'queued' && status !== 'running';
}

/** Milliseconds since `started` (a performance.now() reading), for log lines. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
