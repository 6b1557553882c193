import { parseStoreIdField, type ReportColumn, reportColumns, reportHeader } from '@store-monitor/engine';
import type { ReportRowJson } from './report-store';

/**
 * Reads back a CSV that `formatReportRow` wrote, and only that: the header, then per row a store
 * id field (quoted when it holds a comma, quote or line break) and six plain numbers, or nine when
 * the header has the unknown columns. Anything else is an error naming the row, never a guess.
 * Returns the rows or the reason they cannot be read.
 */
export function decodeReportCsv(text: string): ReportRowJson[] | string {
  const columns = columnsOf(text);
  if (columns === undefined) return 'its header is not the report header';
  const rows: ReportRowJson[] = [];
  let at = text.indexOf('\n') + 1;
  while (at < text.length) {
    const row = decodeRow(text, at, columns);
    if (row === undefined) return `row ${rows.length + 2} is malformed`;
    rows.push(row.value);
    at = row.next;
  }
  return rows;
}

/** The columns the header line names: the seven, or the ten of a report with a max gap. */
function columnsOf(text: string): readonly ReportColumn[] | undefined {
  const header = text.slice(0, text.indexOf('\n') + 1);
  for (const withUnknown of [false, true]) {
    if (header === `${reportHeader(withUnknown)}\n`) return reportColumns(withUnknown);
  }
  return undefined;
}

function decodeRow(
  text: string,
  start: number,
  columns: readonly ReportColumn[],
): { value: ReportRowJson; next: number } | undefined {
  const id = storeIdAt(text, start);
  if (id === undefined || text[id.next] !== ',') return undefined;
  const end = text.indexOf('\n', id.next);
  if (end === -1) return undefined;
  const numbers = text.slice(id.next + 1, end).split(',');
  if (numbers.length !== columns.length - 1) return undefined;
  // The JSON keeps the raw id: the CSV's formula guard (a leading single quote) is removed.
  const value = { store_id: parseStoreIdField(id.text) } as ReportRowJson;
  for (let c = 1; c < columns.length; c++) {
    // Number('') is 0, so an empty field must be caught before converting.
    const number = numbers[c - 1].trim() === '' ? Number.NaN : Number(numbers[c - 1]);
    if (!Number.isFinite(number)) return undefined;
    value[columns[c]] = number;
  }
  return { value, next: end + 1 };
}

/** The first field of a row: up to the comma, or a quoted field with `""` for each quote. */
function storeIdAt(text: string, start: number): { text: string; next: number } | undefined {
  if (text[start] !== '"') {
    const comma = text.indexOf(',', start);
    const newline = text.indexOf('\n', start);
    if (comma === -1 || (newline !== -1 && newline < comma)) return undefined;
    return { text: text.slice(start, comma), next: comma };
  }
  let value = '';
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return undefined;
    value += text.slice(at, quote);
    if (text[quote + 1] !== '"') return { text: value, next: quote + 1 };
    value += '"';
    at = quote + 2;
  }
}

/** The lines of report text (whole CSV lines, each ending in LF). */
export function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
