import type { ReadOptions } from '@store-monitor/csv';
import type { ClientBase } from 'pg';

export type IngestKind = 'polls' | 'hours' | 'time zones' | 'special hours';

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
  /**
   * What ingestion_runs records as the source (default: the file's path or the stream's name),
   * e.g. 'POST /timezones'.
   */
  source?: string;
}

/**
 * Records the file in ingestion_runs, inside the load's own transaction. now() is the transaction's
 * start, which comes before the file is opened (every ingest reads inside inTransaction), so it
 * is the run's real start; clock_timestamp() is the time of this call, once all rows are written.
 */
export async function recordRun(
  client: ClientBase,
  run: { source: string; kind: string; read: number; inserted: number; duplicates: number; rejected: number },
): Promise<void> {
  await client.query(
    `INSERT INTO ingestion_runs (source, kind, read, inserted, duplicates, rejected, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, now(), clock_timestamp())`,
    [run.source, run.kind, run.read, run.inserted, run.duplicates, run.rejected],
  );
}
