import type { Readable } from 'node:stream';
import type { REPORT_COLUMNS, UNKNOWN_COLUMNS } from '@store-monitor/engine';

/**
 * A report's row as get_report's JSON shows it: keyed by the CSV header, durations as numbers. The
 * unknown columns are there exactly when the report has them (it was built with a max gap).
 */
export type ReportRowJson = Record<(typeof REPORT_COLUMNS)[number], string | number> &
  Partial<Record<(typeof UNKNOWN_COLUMNS)[number], number>>;

/** How a report's CSV is shaped: with the three unknown columns after the seven, or without. */
export interface ReportShape {
  withUnknown: boolean;
}

export interface StoredReport {
  /** Where the report is, for the record and the operator: a path, or an object's `s3://bucket/key`. */
  filePath: string;
  rowCount: number;
}

/**
 * Where reports live between the worker that writes them and the API that serves them, and where
 * a report's chunks leave their rows for its merge. Every worker and API process of a deployment
 * must see the same store: the folder (folder-store.ts) or an S3 bucket (s3-store.ts), chosen by
 * REPORT_STORE (open-report-store.ts).
 */
export interface ReportStore {
  /**
   * Writes a report's CSV as the command line writes one (header, LF line ends, final newline)
   * from `rows`, pieces of whole CSV lines in order. Atomic: a reader sees no report or all of it.
   * The header has the unknown columns when `shape` says so (the rows must then have them too);
   * without a shape it is the seven columns.
   */
  writeReport(
    reportId: string,
    rows: Iterable<string> | AsyncIterable<string>,
    shape?: ReportShape,
  ): Promise<StoredReport>;
  /** The report's CSV bytes; ReportMissingError when there is none. */
  readCsv(reportId: string): Promise<Readable>;
  /** The report's rows; ReportMissingError, or ReportUnreadableError when the CSV is not a report's. */
  readRows(reportId: string): Promise<ReportRowJson[]>;
  /** A failed report's file goes, so that no file stands for a failed report. */
  removeReport(reportId: string): Promise<void>;
  /** One chunk's rows (CSV lines); replaces a part written before, whole. */
  writePart(reportId: string, index: number, lines: string[]): Promise<void>;
  /** One chunk's rows as written; PartMissingError when there is no such part. */
  readPart(reportId: string, index: number): Promise<string>;
  /** Every part of a report, once its merge is done or it failed. */
  removeParts(reportId: string): Promise<void>;
  /** Lets go of connections (an object store's); the store is not used after. */
  close(): void;
}

export class ReportMissingError extends Error {
  override readonly name = 'ReportMissingError';
  /** `location`: where the store looked, when not the reports directory (an object store's URL). */
  constructor(
    readonly reportId: string,
    location?: string,
  ) {
    super(
      location === undefined
        ? `report ${reportId} is complete but its file is missing from the reports directory`
        : `report ${reportId} is complete but its file is missing: ${location}`,
    );
  }
}

export class ReportUnreadableError extends Error {
  override readonly name = 'ReportUnreadableError';
  constructor(
    readonly reportId: string,
    why: string,
  ) {
    super(`report ${reportId} is complete but its file cannot be read: ${why}`);
  }
}

export class PartMissingError extends Error {
  override readonly name = 'PartMissingError';
  constructor(
    readonly reportId: string,
    readonly index: number,
    readonly location: string,
  ) {
    super(`the rows of chunk ${index + 1} are missing: ${location}`);
  }
}
