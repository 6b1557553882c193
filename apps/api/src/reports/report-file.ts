import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'papaparse';
import { parseStoreIdField, REPORT_COLUMNS } from '@store-monitor/engine';
import { HttpError } from '../http-error';

export type ReportRowJson = Record<(typeof REPORT_COLUMNS)[number], string | number>;

/**
 * Where a report's file is: always `<reportsDir>/<id>.csv` for an id already checked to be a uuid
 * (see report-id.ts). Neither the request nor the record's filePath column ever names the file,
 * so no request can make the API read anything else.
 */
export function reportFilePath(reportsDir: string, reportId: string): string {
  return join(reportsDir, `${reportId}.csv`);
}

/** Opens the file of a complete report; its absence is a server-side fault (500), said plainly. */
export async function openReportFile(path: string, reportId: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new HttpError(500, `report ${reportId} is complete but its file is missing from the reports directory`, 'Report file missing');
    }
    throw error;
  }
}

/** The report's rows as objects keyed by the CSV header, durations as numbers. */
export async function readReportRows(path: string, reportId: string): Promise<ReportRowJson[]> {
  const handle = await openReportFile(path, reportId);
  let text: string;
  try {
    text = await readFile(handle, 'utf8');
  } finally {
    await handle.close();
  }
  const { data } = parse<string[]>(text, { skipEmptyLines: true, newline: '\n', delimiter: ',', quoteChar: '"' });
  const [header, ...rows] = data;
  if (header === undefined || header.join(',') !== REPORT_COLUMNS.join(',')) throw unreadable(reportId, 'its header is not the report header');
  return rows.map((fields, i) => toRow(fields, () => unreadable(reportId, `row ${i + 2} is malformed`)));
}

function toRow(fields: string[], malformed: () => HttpError): ReportRowJson {
  if (fields.length !== REPORT_COLUMNS.length) throw malformed();
  // The JSON keeps the raw id: the CSV's formula guard (a leading single quote) is removed.
  const row = { store_id: parseStoreIdField(fields[0]) } as ReportRowJson;
  for (let c = 1; c < REPORT_COLUMNS.length; c++) {
    // Number('') is 0, so an empty field must be caught before converting.
    const value = fields[c].trim() === '' ? NaN : Number(fields[c]);
    if (!Number.isFinite(value)) throw malformed();
    row[REPORT_COLUMNS[c]] = value;
  }
  return row;
}

function unreadable(reportId: string, why: string): HttpError {
  return new HttpError(500, `report ${reportId} is complete but its file cannot be read: ${why}`, 'Report file unreadable');
}
