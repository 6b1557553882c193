import { REPORT_COLUMNS, type ReportColumn as Column, UNKNOWN_COLUMNS } from '@store-monitor/engine';

/** Each window's unit and range (report-spec.md, "Output"). */
const WINDOWS = { hour: ['minutes', 60], day: ['hours', 24], week: ['hours', 168] } as const;

/** `minutes, 0-60` for a duration column; undefined for store_id. */
function unitOf(column: Column): string | undefined {
  const window = /_last_(hour|day|week)$/.exec(column)?.[1] as keyof typeof WINDOWS | undefined;
  return window === undefined ? undefined : `${WINDOWS[window][0]}, 0-${WINDOWS[window][1]}`;
}

/** What a report column holds, with its unit. */
export function columnDoc(column: Column): string {
  const unit = unitOf(column);
  if (unit === undefined) return 'The store, as in the polls.';
  const [state, , window] = column.split('_');
  if (state === 'unknown')
    return (
      `Business time in the ${window} before now whose status is unknown (no poll within max_gap), in ${unit}. ` +
      'Only when the report was triggered with max_gap.'
    );
  return `${state === 'uptime' ? 'Up' : 'Down'}time within business hours in the ${window} before now, in ${unit}.`;
}

/** `uptime_last_hour (minutes, 0-60)`, or the bare name of store_id. */
const listed = (column: Column): string => (unitOf(column) ? `${column} (${unitOf(column)})` : column);

/** The columns in one sentence, for the CSV's description. */
export const COLUMNS_TEXT =
  `Columns, in this order: ${REPORT_COLUMNS.map(listed).join(', ')}. ` +
  `A report triggered with max_gap has three more after them: ${UNKNOWN_COLUMNS.map(listed).join(', ')}; ` +
  'uptime + downtime + unknown is then the business time of each window. ' +
  'Each duration counts business hours only and is rounded to 2 decimals; one row per store with a poll at or ' +
  'before now, sorted by store_id.';

/** A two-row report, as format=json rows and as the CSV. */
export const EXAMPLE_ROWS = [
  {
    store_id: '1163900924198412825',
    uptime_last_hour: 60,
    uptime_last_day: 14.5,
    uptime_last_week: 98.83,
    downtime_last_hour: 0,
    downtime_last_day: 1.5,
    downtime_last_week: 13.17,
  },
  {
    store_id: '6811142621158573650',
    uptime_last_hour: 42.5,
    uptime_last_day: 9,
    uptime_last_week: 60,
    downtime_last_hour: 17.5,
    downtime_last_day: 3,
    downtime_last_week: 24,
  },
];

export const EXAMPLE_CSV = [
  REPORT_COLUMNS.join(','),
  ...EXAMPLE_ROWS.map((row) =>
    REPORT_COLUMNS.map((column) => (column === 'store_id' ? row[column] : row[column].toFixed(2))).join(','),
  ),
  '',
].join('\n');

/**
 * The same two stores in a report triggered with max_gap 2h: part of what was up or down above
 * rested on polls more than 2 hours away, and is unknown instead.
 */
export const EXAMPLE_ROWS_WITH_UNKNOWN = [
  {
    ...EXAMPLE_ROWS[0],
    uptime_last_day: 12.5,
    uptime_last_week: 91.33,
    downtime_last_week: 11.67,
    unknown_last_hour: 0,
    unknown_last_day: 2,
    unknown_last_week: 9,
  },
  {
    ...EXAMPLE_ROWS[1],
    uptime_last_hour: 0,
    downtime_last_hour: 0,
    uptime_last_week: 55,
    unknown_last_hour: 60,
    unknown_last_day: 0,
    unknown_last_week: 5,
  },
];
