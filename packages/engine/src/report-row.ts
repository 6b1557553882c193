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

// Hundredths of a minute and of an hour, so rounding happens once on an integer scale.
const MS_PER_CENTI_MINUTE = 600;
const MS_PER_CENTI_HOUR = 36_000;

const centiMinutes = (ms: number): number => Math.round(ms / MS_PER_CENTI_MINUTE) / 100;
const centiHours = (ms: number): number => Math.round(ms / MS_PER_CENTI_HOUR) / 100;

/** Minutes for the hour window, hours for day and week, rounded to 2 decimals. */
export function toReportRow(d: StoreDurations): ReportRow {
  return {
    store_id: d.storeId,
    uptime_last_hour: centiMinutes(d.uptimeHourMs),
    uptime_last_day: centiHours(d.uptimeDayMs),
    uptime_last_week: centiHours(d.uptimeWeekMs),
    downtime_last_hour: centiMinutes(d.downtimeHourMs),
    downtime_last_day: centiHours(d.downtimeDayMs),
    downtime_last_week: centiHours(d.downtimeWeekMs),
  };
}

/** The CSV header line, without a line end. */
export const REPORT_HEADER = REPORT_COLUMNS.join(',');

/** One CSV line (no line end). Numbers always carry two decimals, no separators or units. */
export function formatReportRow(row: ReportRow): string {
  return [
    csvField(row.store_id),
    ...REPORT_COLUMNS.slice(1).map((column) => (row[column] as number).toFixed(2)),
  ].join(',');
}

/** Quotes a field when it holds a delimiter, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
