import { DAY_MS, MINUTE_MS, weekdayOf, type ZoneClock } from './time/zone-clock';
import type { HoursRow } from './types';

/** One opening on a local date, in ms after that date's midnight; `endMs` may pass the next midnight. */
interface DailySpan {
  startMs: number;
  endMs: number;
}

/** A half-open run of instants [start, end). */
export interface Interval {
  start: number;
  end: number;
}

/** Applies the contract's reading of one row: whole day, last minute means midnight, overnight. */
export function spanOfRow(row: Pick<HoursRow, 'startMs' | 'endMs'>): DailySpan {
  if (row.startMs === row.endMs) return { startMs: 0, endMs: DAY_MS };
  const endMs = row.endMs >= DAY_MS - MINUTE_MS ? DAY_MS : row.endMs;
  return { startMs: row.startMs, endMs: endMs < row.startMs ? endMs + DAY_MS : endMs };
}

/**
 * A store's business hours as instants. Rows are read once into spans per weekday; intervals
 * are then made for whichever local dates a caller asks about, so cost follows the dates used.
 */
export class BusinessCalendar {
  /** Spans per weekday, Monday first; undefined when the store has no rows (open 24x7). */
  private readonly week: DailySpan[][] | undefined;
  private readonly dayCache = new Map<number, Interval[]>();

  constructor(
    hours: readonly HoursRow[],
    private readonly clock: ZoneClock,
  ) {
    if (hours.length === 0) return;
    this.week = [[], [], [], [], [], [], []];
    for (const row of hours) this.week[row.day].push(spanOfRow(row));
  }

  get alwaysOpen(): boolean {
    return this.week === undefined;
  }

  /** Merged, sorted business intervals that overlap [from, to). */
  intervalsBetween(from: number, to: number): Interval[] {
    if (!this.week) return from < to ? [{ start: from, end: to }] : [];
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
    return mergeIntervals(all);
  }

  /** Whether an instant is inside business hours. */
  isOpenAt(instant: number): boolean {
    if (!this.week) return true;
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
    const intervals: Interval[] = [];
    for (const span of this.week![weekdayOf(day)]) {
      const start = this.clock.toInstant(midnight + span.startMs);
      const end = this.clock.toInstant(midnight + span.endMs);
      if (end > start) intervals.push({ start, end });
    }
    return intervals;
  }
}

/** Sorts and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
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
