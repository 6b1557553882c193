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
  seconds: number;
}
