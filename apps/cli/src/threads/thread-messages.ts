import type { PollSeries, ReportOptions, ReportRow } from '@store-monitor/engine';
import type { Reject } from '@store-monitor/csv';
import type { ScheduleFiles } from '../report-inputs';

/** What a report thread is started with. */
export interface ThreadSetup {
  files: ScheduleFiles;
  /** Whether this thread hands back the schedule files' rejects (one thread does: all read the same). */
  sendsRejects: boolean;
}

/** A store as the main thread sends it: its polls are views of shared memory, not copies. */
export interface PolledStore {
  storeId: string;
  polls: PollSeries;
}

/** What the main thread sends once the polls are read: a run of stores in report order. */
export interface ThreadTask {
  stores: PolledStore[];
  now: number;
  options: ReportOptions;
}

/** What a thread sends: first `schedules` (or `failed`), then `rows` for its task (or `failed`). */
export type ThreadMessage =
  | { kind: 'schedules'; rejects: Reject[]; specialHoursRead?: number }
  | { kind: 'rows'; rows: ReportRow[] }
  | { kind: 'failed'; message: string; file?: string; inputError: boolean };
