// The text `store-monitor explain` prints: a store's segments as a table, then its report row's totals.
import {
  formatDuration,
  formatInstant,
  formatReportRow,
  reportHeader,
  type StoreTimeline,
  type TimelineSegment,
} from '@store-monitor/engine';
import { formatInTimeZone } from 'date-fns-tz';

const SEGMENT_COLUMNS = [
  'local date',
  'local start-end',
  'utc start',
  'utc end',
  'status',
  'from poll (utc)',
  'length',
];

/** The whole explanation: a heading, the segments, the totals and the row as `report` writes it. */
export function explainText(timeline: StoreTimeline): string {
  return [...heading(timeline), '', ...segmentTable(timeline), '', ...totalsTable(timeline), ''].join('\n');
}

function heading(t: StoreTimeline): string[] {
  const segments = t.spans.reduce((n, span) => n + span.segments.length, 0);
  const evidence = t.polls.filter((p) => p.evidence).length;
  return [
    `store ${t.storeId} (${t.timeZone}), policy ${t.policy}${t.maxGapMs === undefined ? '' : `, max gap ${formatDuration(t.maxGapMs)}`}`,
    `now ${formatInstant(t.now)} (${localInstant(t.now, t.timeZone)}), week from ${formatInstant(t.from)} (${localInstant(t.from, t.timeZone)})`,
    `${t.spans.length} business ${t.spans.length === 1 ? 'span' : 'spans'}, ${segments} segments; ` +
      `${t.polls.length} polls shown, ${evidence} of them evidence`,
  ];
}

function segmentTable(t: StoreTimeline): string[] {
  const rows = t.spans.flatMap((span) => span.segments.map((segment) => segmentRow(segment, t.timeZone)));
  if (rows.length === 0) return ['no business time in the week window'];
  return alignColumns([SEGMENT_COLUMNS, ...rows]);
}

function segmentRow(s: TimelineSegment, zone: string): string[] {
  return [
    formatInTimeZone(s.start, zone, 'yyyy-MM-dd'),
    `${formatInTimeZone(s.start, zone, 'HH:mm:ss')}-${localEnd(s.start, s.end, zone)} ${formatInTimeZone(s.start, zone, 'xxx')}`,
    formatInstant(s.start),
    formatInstant(s.end),
    s.status,
    s.pollAt === null ? '-' : formatInstant(s.pollAt),
    formatLength(s.end - s.start),
  ];
}

/**
 * The end's local time of day, read against the start's local date: midnight after it is 24:00:00,
 * and an end on a later date (a 24x7 store's span runs for days) says how many days later.
 */
function localEnd(start: number, end: number, zone: string): string {
  const days = localDayNumber(end, zone) - localDayNumber(start, zone);
  const time = formatInTimeZone(end, zone, 'HH:mm:ss');
  if (days === 1 && time === '00:00:00') return '24:00:00';
  return days === 0 ? time : `${time} +${days}d`;
}

/** Days since 1970-01-01 of the instant's local date in `zone`. */
function localDayNumber(instant: number, zone: string): number {
  return Date.parse(`${formatInTimeZone(instant, zone, 'yyyy-MM-dd')}T00:00:00Z`) / 86_400_000;
}

function localInstant(instant: number, zone: string): string {
  return formatInTimeZone(instant, zone, 'yyyy-MM-dd HH:mm:ss xxx');
}

/** A segment's length as h:mm:ss, to the second (polls' microsecond fractions put midpoints between seconds). */
function formatLength(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** The report row's numbers by status and window, then the row itself, byte for byte as `report` writes it. */
function totalsTable(t: StoreTimeline): string[] {
  const r = t.row;
  // Written as the CSV writes them, two decimals.
  const cells = (name: string, hour = 0, day = 0, week = 0) => [name, hour.toFixed(2), day.toFixed(2), week.toFixed(2)];
  const lines = [
    ['totals (the report row)', 'last hour (min)', 'last day (h)', 'last week (h)'],
    cells('uptime', r.uptime_last_hour, r.uptime_last_day, r.uptime_last_week),
    cells('downtime', r.downtime_last_hour, r.downtime_last_day, r.downtime_last_week),
  ];
  if (t.maxGapMs !== undefined)
    lines.push(cells('unknown', r.unknown_last_hour, r.unknown_last_day, r.unknown_last_week));
  return [...alignColumns(lines), '', reportHeader(t.maxGapMs !== undefined), formatReportRow(r)];
}

/** Pads every column but the last to its widest cell, two spaces apart. */
function alignColumns(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (c + 1 < row.length ? cell.padEnd(widths[c]) : cell)).join('  '));
}
