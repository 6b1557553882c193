/**
 * The console's pure parts: how numbers, times and queries are written. No DOM here, so the unit
 * tests run them under Node.
 */

export type SortOrder = 'asc' | 'desc';

export interface TableQuery {
  sort: string;
  order: SortOrder;
  q: string;
  offset: number;
  limit: number;
}

/** The fields of POST /trigger_report the form has. */
export type TriggerField = 'as_of' | 'policy' | 'max_gap';
const TRIGGER_FIELDS: readonly TriggerField[] = ['as_of', 'policy', 'max_gap'];

/** A report's duration columns: minutes for the last hour, hours for the day and the week. */
export function columnUnit(column: string): string {
  if (column.endsWith('_last_hour')) return 'min';
  if (column.endsWith('_last_day') || column.endsWith('_last_week')) return 'h';
  return '';
}

/** A duration column's parts: `downtime_last_week` is the week's downtime. Null for any other column. */
export function columnParts(column: string): { measure: string; window: string } | null {
  const match = /^(uptime|downtime|unknown)_last_(hour|day|week)$/.exec(column);
  return match === null ? null : { measure: match[1], window: match[2] };
}

/**
 * The header's top row: each run of duration columns of one measure under one heading (`downtime`
 * over hour, day and week), any other column alone, as tall as both rows.
 */
export function headerGroups(columns: readonly string[]): Array<{ label: string; columns: string[] }> {
  const groups: Array<{ label: string; columns: string[] }> = [];
  for (const column of columns) {
    const measure = columnParts(column)?.measure;
    const last = groups.at(-1);
    if (measure !== undefined && last?.label === measure) last.columns.push(column);
    else groups.push({ label: measure ?? column, columns: [column] });
  }
  return groups;
}

/** A duration as the CSV writes it: two decimals. */
export function formatAmount(value: string | number | undefined): string {
  const number = Number(value);
  return Number.isFinite(number) ? number.toFixed(2) : '';
}

export function percent(progress: number): string {
  return `${Math.floor(Math.max(0, Math.min(1, progress)) * 100)}%`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A store-local time as the API writes it (`2024-04-06T19:29:26.217913-05:00`) as a wall clock with
 * its weekday: `Sat 2024-04-06 19:29:26`. Read from the text, not a Date, so the browser's own zone
 * never enters.
 */
export function localClock(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(text);
  if (match === null) return text;
  const [, year, month, day, clock] = match;
  const weekday = WEEKDAYS[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()];
  return `${weekday} ${year}-${month}-${day} ${clock}`;
}

/** A UTC instant (`2024-04-07T00:29:26.217913Z`) to the second: `2024-04-07 00:29:26 UTC`. */
export function utcClock(text: string | null): string {
  if (text === null) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(text);
  return match === null ? text : `${match[1]} ${match[2]} UTC`;
}

/** The same to the minute without the zone, for a narrow column headed UTC: `2024-04-07 00:29`. */
export function utcMinute(text: string | null): string {
  if (text === null) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(text);
  return match === null ? text : `${match[1]} ${match[2]}`;
}

/** The length of a stretch between two UTC instants, to the minute: `1 h 05 min`, `40 min`. */
export function lengthText(start: string, end: string): string {
  const minutes = Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
  if (!Number.isFinite(minutes)) return '';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours === 0 ? `${rest} min` : `${hours} h ${String(rest).padStart(2, '0')} min`;
}

/**
 * Which form field a 400 message is about: the API names it (`body/max_gap must be ...`), or starts
 * with it (`as_of ... is before the first poll`). Null: the message is about the request as a whole.
 */
export function fieldNamed(message: string): TriggerField | null {
  const named = /\bbody\/([a-z_]+)/.exec(message)?.[1] ?? /^([a-z_]+)\b/.exec(message)?.[1];
  return TRIGGER_FIELDS.find((field) => field === named) ?? null;
}

/** The trigger body: only the fields given, trimmed, so an empty one means the API's default. */
export function triggerBody(values: Record<TriggerField, string>): Partial<Record<TriggerField, string>> {
  const body: Partial<Record<TriggerField, string>> = {};
  for (const field of TRIGGER_FIELDS) {
    const value = values[field].trim();
    if (value !== '') body[field] = value;
  }
  return body;
}

/**
 * A click on a column's header: the same column flips its order; another starts with the biggest
 * durations first (what someone looking for trouble wants) or store ids in order.
 */
export function nextSort(
  current: { sort: string; order: SortOrder },
  column: string,
): { sort: string; order: SortOrder } {
  if (current.sort === column) return { sort: column, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: column, order: column === 'store_id' ? 'asc' : 'desc' };
}

export function storesPath(reportId: string, query: TableQuery): string {
  const params = new URLSearchParams({
    report_id: reportId,
    sort: query.sort,
    order: query.order,
    limit: String(query.limit),
    offset: String(query.offset),
  });
  if (query.q.trim() !== '') params.set('q', query.q.trim());
  return `/stores?${params}`;
}

/** A store's timeline as the report saw it: at the report's now, with its policy and max gap. */
export function timelinePath(
  storeId: string,
  report: { now: string | null; policy: string; max_gap?: string },
  suffix: '' | '.svg',
): string {
  const params = new URLSearchParams({ policy: report.policy });
  if (report.now !== null) params.set('as_of', report.now);
  if (report.max_gap !== undefined) params.set('max_gap', report.max_gap);
  return `/stores/${encodeURIComponent(storeId)}/timeline${suffix}?${params}`;
}

export interface WindowNumbers {
  window: string;
  unit: string;
  up: string;
  down: string;
  unknown: string | null;
}

/** A report row as three lines, one per window, with the unknown column only when the row has it. */
export function windowsOf(row: Record<string, string | number>): WindowNumbers[] {
  return (['hour', 'day', 'week'] as const).map((window) => ({
    window: `Last ${window}`,
    unit: window === 'hour' ? 'min' : 'h',
    up: formatAmount(row[`uptime_last_${window}`]),
    down: formatAmount(row[`downtime_last_${window}`]),
    unknown: `unknown_last_${window}` in row ? formatAmount(row[`unknown_last_${window}`]) : null,
  }));
}

/** The range a page shows: `51–100 of 200`. */
export function pageText(offset: number, shown: number, total: number): string {
  if (total === 0) return 'no stores';
  return `${offset + 1}–${offset + shown} of ${total}`;
}
