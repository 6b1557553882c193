import { DAY_MS, MINUTE_MS, weekdayOf, type ZoneClock } from './time/zone-clock';
import type { HoursRow, SpecialHoursRow } from './types';

/** One opening on a local date, in ms after that date's midnight; `endMs` may pass the next midnight. */
interface DailySpan {
  startMs: number;
  endMs: number;
}

/** A half-open run of instants [start, end). Read-only: a calendar hands out the ones it caches. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Applies the contract's reading of one row: whole day, last minute means midnight, overnight. */
export function spanOfRow(row: Pick<HoursRow, 'startMs' | 'endMs'>): DailySpan {
  if (row.startMs === row.endMs) return { startMs: 0, endMs: DAY_MS };
  const endMs = row.endMs >= DAY_MS - MINUTE_MS ? DAY_MS : row.endMs;
  return { startMs: row.startMs, endMs: endMs < row.startMs ? endMs + DAY_MS : endMs };
}

const WHOLE_DAY: readonly DailySpan[] = [{ startMs: 0, endMs: DAY_MS }];

/**
 * A store's business hours as instants. Rows are read once into spans per weekday (and per special
 * date); intervals are then made for whichever local dates a caller asks about, so cost follows
 * the dates used.
 */
export class BusinessCalendar {
  /** Spans per weekday, Monday first; every day whole when the store has no rows (open 24x7). */
  private readonly week: readonly (readonly DailySpan[])[];
  /** Spans per special local date (days since 1970-01-01); an empty list means closed. */
  private readonly special = new Map<number, DailySpan[]>();
  private readonly dayCache = new Map<number, Interval[]>();
  /** Open at every instant: no weekly rows and no special days. */
  readonly alwaysOpen: boolean;

  constructor(
    hours: readonly HoursRow[],
    private readonly clock: ZoneClock,
    specialHours: readonly SpecialHoursRow[] = [],
  ) {
    this.alwaysOpen = hours.length === 0 && specialHours.length === 0;
    this.week = hours.length === 0 ? Array(7).fill(WHOLE_DAY) : weeklySpans(hours);
    for (const row of specialHours) {
      const spans = this.special.get(row.date) ?? [];
      this.special.set(row.date, spans);
      // A closed row only marks the date as special; it adds no span.
      if (row.startMs !== null && row.endMs !== null) spans.push(spanOfRow({ startMs: row.startMs, endMs: row.endMs }));
    }
  }

  /** Merged, sorted business intervals that overlap [from, to). */
  intervalsBetween(from: number, to: number): Interval[] {
    if (this.alwaysOpen) return from < to ? [{ start: from, end: to }] : [];
    // A span starts on its own date and ends before the second midnight after it, so the day
    // before `from` is the earliest one that can reach into the range.
    const firstDay = this.clock.localDay(from) - 1;
    const lastDay = this.clock.localDay(to);
    const all: Interval[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      for (const iv of this.intervalsOn(day)) {
        if (iv.end > from && iv.start < to) all.push(iv);
      }
    }
    // The usual week: each day's spans in order and apart, so a merge would only copy them.
    return inOrderAndApart(all) ? all : mergeIntervals(all);
  }

  /** Whether an instant is inside business hours. */
  isOpenAt(instant: number): boolean {
    if (this.alwaysOpen) return true;
    const day = this.clock.localDay(instant);
    for (let d = day - 1; d <= day + 1; d++) {
      for (const iv of this.intervalsOn(d)) {
        if (iv.start <= instant && instant < iv.end) return true;
      }
    }
    return false;
  }

  /** Intervals of the spans that start on one local date (cached: polls cluster on few dates). */
  private intervalsOn(day: number): Interval[] {
    let intervals = this.dayCache.get(day);
    if (!intervals) {
      intervals = this.buildDay(day);
      this.dayCache.set(day, intervals);
    }
    return intervals;
  }

  private buildDay(day: number): Interval[] {
    const midnight = day * DAY_MS;
    const spans = this.special.get(day) ?? this.week[weekdayOf(day)];
    // Sized up front: a list grown by push starts at 17 slots, and a store asks for a dozen days.
    const intervals: Interval[] = new Array(spans.length);
    let n = 0;
    for (const span of spans) {
      const start = this.clock.toInstant(midnight + span.startMs);
      const end = this.clock.toInstant(midnight + span.endMs);
      if (end > start) intervals[n++] = { start, end };
    }
    intervals.length = n;
    return intervals;
  }
}

const NO_SPANS: readonly DailySpan[] = [];

/** Each weekday's spans in file order, in lists of their own size (none: a shared empty one). */
function weeklySpans(hours: readonly HoursRow[]): (readonly DailySpan[])[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (const row of hours) counts[row.day]++;
  const week = counts.map((count) => (count === 0 ? NO_SPANS : new Array<DailySpan>(count)));
  const filled = [0, 0, 0, 0, 0, 0, 0];
  for (const row of hours) (week[row.day] as DailySpan[])[filled[row.day]++] = spanOfRow(row);
  return week;
}

/** Whether intervals are sorted and none touches the next: merging them would change nothing. */
function inOrderAndApart(intervals: readonly Interval[]): boolean {
  for (let i = 1; i < intervals.length; i++) if (!(intervals[i].start > intervals[i - 1].end)) return false;
  return true;
}

/** Sorts and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const iv of intervals) {
    const last = merged[merged.length - 1];
    if (last && iv.start <= last.end) {
      if (iv.end > last.end) last.end = iv.end;
    } else {
      merged.push({ start: iv.start, end: iv.end });
    }
  }
  return merged;
}
