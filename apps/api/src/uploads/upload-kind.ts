import type { CsvSource } from '@store-monitor/csv';
import type { Database } from '@store-monitor/db';
import type { IngestSummary, SourceOptions } from '@store-monitor/ingest';

/** One field of a JSON row: the CSV column it becomes and the names it may be sent under. */
export interface UploadField {
  /** The column of the CSV the row becomes; also the field's first name. */
  column: string;
  /** Every name the reader accepts for the column as a header (e.g. `day` or `dayOfWeek`). */
  names: readonly string[];
  /** Whether a JSON integer is taken besides a string (a weekday number); every field may be null. */
  integer?: boolean;
  /**
   * Whether an empty value is one the reader may take (a special day's times: both empty is closed).
   * A row that leaves such a field out or sends null is then not "missing" it: the reader decides.
   */
  mayBeEmpty?: boolean;
  description: string;
}

/** What differs between the upload routes: everything else (uploads/upload-route.ts) is shared. */
export interface UploadKind {
  /** The route, like `/business_hours`. */
  route: string;
  /** The JSON body's one field, holding the rows (`business_hours`). */
  arrayKey: string;
  /** The reader's name for this kind of file (`business hours`); messages say "the business hours CSV". */
  readerKind: string;
  fields: readonly UploadField[];
  /** An example CSV body for the docs, header first. */
  exampleCsv: string;
  /** Loads a CSV file or stream as `store-monitor ingest` does, recording `opts.source` in ingestion_runs. */
  ingest(db: Database, csv: CsvSource, opts: SourceOptions): Promise<IngestSummary>;
}

/** `POST /business_hours`: what ingestion_runs records as the source of an upload. */
export const sourceOf = (kind: UploadKind): string => `POST ${kind.route}`;
