import type { ReadOptions } from '@store-monitor/csv';

export type IngestKind = 'polls' | 'hours' | 'time zones';

/** What one file added: rows read, inserted, changed (updated or replaced), already there, rejected. */
export interface IngestSummary {
  kind: IngestKind;
  source: string;
  read: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  /** Polls only: of the rejected, rows dated later than the current time plus the allowance. */
  future?: number;
  seconds: number;
}

export interface SourceOptions extends ReadOptions {
  /** What ingestion_runs records as the source (default: the file's path), e.g. 'POST /timezones'. */
  source?: string;
}
