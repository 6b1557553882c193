import type { ReportRecord } from '@store-monitor/db';

/** A report's record as the API shows it (snake_case, ISO times); the file path stays private. */
export interface ReportView {
  id: string;
  status: ReportRecord['status'];
  as_of: string | null;
  policy: string;
  progress: number;
  row_count: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export function toReportView(record: ReportRecord): ReportView {
  return {
    id: record.id,
    status: record.status,
    as_of: iso(record.asOf),
    policy: record.policy,
    progress: record.progress,
    row_count: record.rowCount,
    error: record.error,
    created_at: record.createdAt.toISOString(),
    started_at: iso(record.startedAt),
    finished_at: iso(record.finishedAt),
  };
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
