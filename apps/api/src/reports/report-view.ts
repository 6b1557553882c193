import type { ReportRecord } from '@store-monitor/db';
import { formatDuration, formatInstant } from '@store-monitor/engine';

/**
 * A report's status as the whole API spells it: get_report's Running/Complete/Failed (the contract
 * internal tools call) plus Queued, which only the records show (get_report says Running for it).
 */
export const REPORT_STATES = ['Queued', 'Running', 'Complete', 'Failed'] as const;
type ReportState = (typeof REPORT_STATES)[number];

const STATE_OF: Record<ReportRecord['status'], ReportState> = {
  queued: 'Queued',
  running: 'Running',
  complete: 'Complete',
  failed: 'Failed',
};

/** A report's record as the API shows it (snake_case, ISO times); the file path stays private. */
export interface ReportView {
  id: string;
  status: ReportState;
  as_of: string | null;
  now: string | null;
  policy: string;
  progress: number;
  row_count: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Only on a report triggered with a max gap, so the record of any other report is as it always was. */
  max_gap?: string;
}

/** as_of and now to the microsecond, as the record keeps them. */
export function toReportView(record: ReportRecord): ReportView {
  return {
    id: record.id,
    status: STATE_OF[record.status],
    as_of: record.asOfMs === null ? null : formatInstant(record.asOfMs),
    now: record.nowMs === null ? null : formatInstant(record.nowMs),
    policy: record.policy,
    progress: record.progress,
    row_count: record.rowCount,
    error: record.error,
    created_at: record.createdAt.toISOString(),
    started_at: iso(record.startedAt),
    finished_at: iso(record.finishedAt),
    ...maxGapField(record),
  };
}

/** `{ max_gap: '2h' }` for a report with a max gap (in the form `--max-gap` takes), else nothing. */
export function maxGapField(record: ReportRecord): { max_gap?: string } {
  return record.maxGapMs === null ? {} : { max_gap: formatDuration(record.maxGapMs) };
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
