import { UnrecoverableError } from 'bullmq';
import type { ReportStatus } from '@store-monitor/db';
import type { WorkerContext } from './context';

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
