/**
 * Job ids of a report's jobs. BullMQ ignores an add whose job id already exists, so deriving every
 * id from the report id makes enqueueing and planning idempotent. Ids never contain ':', which
 * BullMQ reserves as its key separator; a report id is a uuid, so it is always the first 36
 * characters of any of them.
 */
export function planJobId(reportId: string): string {
  return reportId;
}

export function mergeJobId(reportId: string): string {
  return `${reportId}-merge`;
}

export function chunkJobId(reportId: string, index: number): string {
  return `${reportId}-chunk-${index}`;
}

const REPORT_JOB_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-merge|-chunk-(\d+))?$/i;

/** The report a job id belongs to, or undefined for an id that is none of the above. */
export function reportIdOfJob(jobId: string | undefined): string | undefined {
  return jobId === undefined ? undefined : REPORT_JOB_ID.exec(jobId)?.[1];
}
