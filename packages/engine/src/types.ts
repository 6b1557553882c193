/**
 * The parsed inputs and the outputs of the report engine. Readers (CSV, database) produce these
 * shapes; the engine never sees files, rows of text or clocks.
 */

/** Milliseconds since the Unix epoch, UTC. May carry a fraction (polls have microseconds). */
export type Instant = number;

export type Policy = 'nearest' | 'forward';
export const POLICIES: readonly Policy[] = ['nearest', 'forward'];

/** The zone a store uses when the time-zone file has no row for it. */
export const DEFAULT_TIME_ZONE = 'America/Chicago';

/** One poll of one store. */
export interface Poll {
  storeId: string;
  at: Instant;
  active: boolean;
}

/**
 * One business-hours row as written in the file, already parsed. Times are milliseconds after
 * local midnight; `endMs` may be 86_400_000 (`24:00`). The contract's rules (overnight, whole day,
 * last minute means midnight) are applied by the engine, not by readers.
 */
export interface HoursRow {
  storeId: string;
  /** 0 = Monday ... 6 = Sunday. */
  day: number;
  startMs: number;
  endMs: number;
}

/**
 * One special-days row, parsed. `date` is the local calendar date in the store's zone, as days
 * since 1970-01-01 (`daysFromCivil`). Times are as in `HoursRow`; both null means closed on that
 * date (readers reject a row with only one of them). A store's rows for a date replace its weekly
 * rows for that date.
 */
export interface SpecialHoursRow {
  storeId: string;
  date: number;
  startMs: number | null;
  endMs: number | null;
}

export interface TimeZoneRow {
  storeId: string;
  timeZone: string;
}

/**
 * The polls of one store in file order, as parallel arrays (readers hand over typed arrays: cheap
 * for millions of polls). The engine sorts and de-duplicates them itself; equal instants keep the
 * later row. `active` holds true/false or 1/0.
 */
export interface PollSeries {
  at: ArrayLike<number>;
  active: ArrayLike<boolean | number>;
}

/** Polls as typed arrays, the shape readers produce and the engine works on (active: 1 or 0). */
export interface PollArrays {
  at: Float64Array;
  active: Uint8Array;
}

/** Everything the engine needs for one store. */
export interface StoreInput {
  storeId: string;
  /** IANA zone name; undefined means the default zone. */
  timeZone?: string;
  /** Empty means open 24x7. */
  hours: readonly HoursRow[];
  /** Special days (holidays, one-off hours); absent or empty means the weekly hours hold every date. */
  specialHours?: readonly SpecialHoursRow[];
  polls: PollSeries;
}

/** Uptime and downtime of one store, in milliseconds of business time, per window. */
export interface StoreDurations {
  storeId: string;
  uptimeHourMs: number;
  uptimeDayMs: number;
  uptimeWeekMs: number;
  downtimeHourMs: number;
  downtimeDayMs: number;
  downtimeWeekMs: number;
  /** Business time with no evidence within `maxGapMs`; present only when the report has a max gap. */
  unknownHourMs?: number;
  unknownDayMs?: number;
  unknownWeekMs?: number;
}

/** One output row, in the contract's units (minutes for the hour, hours for day and week), rounded to 2 decimals. */
export interface ReportRow {
  store_id: string;
  uptime_last_hour: number;
  uptime_last_day: number;
  uptime_last_week: number;
  downtime_last_hour: number;
  downtime_last_day: number;
  downtime_last_week: number;
  /** Present (on every row) only when the report has a max gap. */
  unknown_last_hour?: number;
  unknown_last_day?: number;
  unknown_last_week?: number;
}

export interface ReportOptions {
  policy: Policy;
  /** The report's "now"; when absent, the latest poll in the data. */
  asOf?: Instant;
  /**
   * Business time whose evidence is more than this many ms away is unknown, not up or down, and the
   * rows gain the three unknown columns. Absent: every instant is up or down (the seven columns).
   */
  maxGapMs?: number;
}

/** What the readers hand to the engine: polls, business hours and zones, each keyed by store id. */
export interface ParsedInputs {
  polls: Map<string, PollSeries>;
  hours: Map<string, HoursRow[]>;
  timeZones: Map<string, string>;
  /** Special days per store; absent when no special-days file was given. */
  specialHours?: Map<string, SpecialHoursRow[]>;
}
