/** The API's answers the console reads, as the API documents them (see /openapi.json). */

export type ReportState = 'Queued' | 'Running' | 'Complete' | 'Failed';

/** GET /reports and GET /reports/{id}: one report's record. */
export interface ReportRecord {
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
  max_gap?: string;
}

export interface ReportList {
  reports: ReportRecord[];
  total: number;
  offset: number;
  limit: number;
}

/** One report row: store_id and the duration columns (minutes for the hour, hours for day and week). */
export type ReportRow = Record<string, string | number>;

/** GET /stores?report_id=...: a page of a finished report's rows. */
export interface StoresPage {
  report_id: string;
  total: number;
  offset: number;
  limit: number;
  columns: string[];
  rows: ReportRow[];
}

export interface SegmentView {
  start: string;
  end: string;
  start_local: string;
  end_local: string;
  status: 'up' | 'down' | 'unknown';
  poll_at: string | null;
}

export interface PollView {
  at: string;
  at_local: string;
  status: 'active' | 'inactive';
  in_business_hours: boolean;
  evidence: boolean;
}

/** GET /stores/{id}/timeline: why a store's row is what it is. */
export interface TimelineView {
  store_id: string;
  time_zone: string;
  policy: string;
  max_gap?: string;
  as_of: string | null;
  now: string;
  now_local: string;
  from: string;
  from_local: string;
  row: ReportRow;
  spans: Array<{ start: string; end: string; start_local: string; end_local: string; segments: SegmentView[] }>;
  polls: PollView[];
}

/** The API's one error body. */
export interface ErrorBody {
  error: string;
  message: string;
}
