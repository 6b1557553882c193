import type { ReportRow, StoreDurations } from './types';

/** The output columns, in the contract's order. */
export const REPORT_COLUMNS = [
  'store_id',
  'uptime_last_hour',
  'uptime_last_day',
  'uptime_last_week',
  'downtime_last_hour',
  'downtime_last_day',
  'downtime_last_week',
] as const;

/** The columns that follow the seven when the report has a max gap, in the same units. */
export const UNKNOWN_COLUMNS = ['unknown_last_hour', 'unknown_last_day', 'unknown_last_week'] as const;

export type ReportColumn = (typeof REPORT_COLUMNS)[number] | (typeof UNKNOWN_COLUMNS)[number];

/** The columns of a report with or without the unknown ones. */
export function reportColumns(withUnknown: boolean): readonly ReportColumn[] {
  return withUnknown ? [...REPORT_COLUMNS, ...UNKNOWN_COLUMNS] : REPORT_COLUMNS;
}

/** The CSV header line of a report with or without the unknown columns, without a line end. */
export function reportHeader(withUnknown: boolean): string {
  return reportColumns(withUnknown).join(',');
}

// Hundredths of a minute and of an hour, so rounding happens once on an integer scale.
const MS_PER_CENTI_MINUTE = 600;
const MS_PER_CENTI_HOUR = 36_000;

const centiMinutes = (ms: number): number => Math.round(ms / MS_PER_CENTI_MINUTE) / 100;
const centiHours = (ms: number): number => Math.round(ms / MS_PER_CENTI_HOUR) / 100;

/** Minutes for the hour window, hours for day and week, rounded to 2 decimals. */
export function toReportRow(d: StoreDurations): ReportRow {
  const row: ReportRow = {
    store_id: d.storeId,
    uptime_last_hour: centiMinutes(d.uptimeHourMs),
    uptime_last_day: centiHours(d.uptimeDayMs),
    uptime_last_week: centiHours(d.uptimeWeekMs),
    downtime_last_hour: centiMinutes(d.downtimeHourMs),
    downtime_last_day: centiHours(d.downtimeDayMs),
    downtime_last_week: centiHours(d.downtimeWeekMs),
  };
  if (d.unknownHourMs !== undefined) {
    row.unknown_last_hour = centiMinutes(d.unknownHourMs);
    row.unknown_last_day = centiHours(d.unknownDayMs ?? 0);
    row.unknown_last_week = centiHours(d.unknownWeekMs ?? 0);
  }
  return row;
}

/** The CSV header line, without a line end. */
export const REPORT_HEADER = REPORT_COLUMNS.join(',');

/**
 * One CSV line (no line end). Numbers always carry two decimals, no separators or units. The unknown
 * columns follow when the row has them (every row of a report with a max gap does).
 */
export function formatReportRow(row: ReportRow): string {
  const columns = reportColumns(row.unknown_last_hour !== undefined);
  let line = storeIdField(row.store_id);
  for (let c = 1; c < columns.length; c++) line += `,${(row[columns[c]] as number).toFixed(2)}`;
  return line;
}

/**
 * A store id as a CSV field, safe to open in a spreadsheet (OWASP's CSV-injection advice). An id
 * whose first character would make a spreadsheet read a formula (`=`, `+`, `-`, `@`, tab, carriage
 * return) gets a single quote in front and is always quoted: `=1+2` is written `"'=1+2"`. An id that
 * already starts with a single quote gets one more, so that removing one leading quote always gives
 * the id back (see `parseStoreIdField`); spreadsheets hide that leading quote too. A plain negative
 * number (`-12`, `-1.5`) is a number to a spreadsheet, not a formula, and is written as it is. Any
 * other id is quoted only when it holds a comma, quote or line break.
 */
export function storeIdField(storeId: string): string {
  if (needsNeutralising(storeId)) return `"'${storeId.replace(/"/g, '""')}"`;
  return csvField(storeId);
}

/** The store id written by `storeIdField`, from its field's parsed (unquoted) text. */
export function parseStoreIdField(text: string): string {
  return text.startsWith("'") ? text.substring(1) : text;
}

const FORMULA_START = /^[=+\-@\t\r']/;
const NEGATIVE_NUMBER = /^-[0-9]+(\.[0-9]+)?$/;

function needsNeutralising(storeId: string): boolean {
  return FORMULA_START.test(storeId) && !NEGATIVE_NUMBER.test(storeId);
}

/** Quotes a field when it holds a delimiter, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
