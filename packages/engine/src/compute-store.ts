import { BusinessCalendar } from './business-hours';
import { sortPolls } from './poll-series';
import { type ArraySource, FRESH_ARRAYS } from './scratch-arrays';
import { statusTimeline } from './status-timeline';
import { HOUR_MS, zoneClock } from './time/zone-clock';
import { DEFAULT_TIME_ZONE, type Policy, type StoreDurations, type StoreInput } from './types';
import { sumByStatus, type WindowTotals } from './window-durations';

const windowEnding = (now: number, length: number): WindowTotals => ({
  start: now - length,
  upMs: 0,
  downMs: 0,
  unknownMs: 0,
});

export const WINDOW_MS = { hour: HOUR_MS, day: 24 * HOUR_MS, week: 168 * HOUR_MS } as const;

/**
 * Uptime and downtime (and, with a max gap, unknown time) in business hours over the last hour,
 * day and week before `now`. Null when the store has no poll at or before now (it gets no row).
 */
export function computeStore(
  store: StoreInput,
  now: number,
  policy: Policy,
  maxGapMs?: number,
  arrays: ArraySource = FRESH_ARRAYS,
): StoreDurations | null {
  const polls = sortPolls(store.polls, now, arrays);
  if (polls.at.length === 0) return null;
  const clock = zoneClock(store.timeZone ?? DEFAULT_TIME_ZONE);
  const calendar = new BusinessCalendar(store.hours, clock, store.specialHours);
  const hour = windowEnding(now, WINDOW_MS.hour);
  const day = windowEnding(now, WINDOW_MS.day);
  const week = windowEnding(now, WINDOW_MS.week);
  // Up to and including now, so that a poll taken at now is judged in or out of business hours.
  const intervals = calendar.intervalsBetween(week.start, now + 1);
  const timeline = statusTimeline(polls, policy, calendar, { from: week.start, intervals }, maxGapMs, arrays);
  sumByStatus(intervals, now, timeline, [hour, day, week]);
  const durations: StoreDurations = {
    storeId: store.storeId,
    uptimeHourMs: hour.upMs,
    uptimeDayMs: day.upMs,
    uptimeWeekMs: week.upMs,
    downtimeHourMs: hour.downMs,
    downtimeDayMs: day.downMs,
    downtimeWeekMs: week.downMs,
  };
  if (maxGapMs !== undefined) {
    durations.unknownHourMs = hour.unknownMs;
    durations.unknownDayMs = day.unknownMs;
    durations.unknownWeekMs = week.unknownMs;
  }
  return durations;
}
