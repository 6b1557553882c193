import type { BusinessCalendar, Interval } from './business-hours';
import type { SortedPolls } from './poll-series';
import type { Policy } from './types';

/**
 * The estimated status as a step function of time: `active[i]` holds on
 * [bounds[i - 1], bounds[i]), with -Infinity before the first bound and +Infinity after the last.
 */
export interface StatusTimeline {
  bounds: Float64Array;
  active: Uint8Array;
}

/** What the timeline is needed for: the business intervals that overlap [from, now]. */
export interface TimelineScope {
  from: number;
  intervals: Interval[];
}

/** Builds the step function of a policy from a store's sorted polls (at least one). */
export function statusTimeline(
  polls: SortedPolls,
  policy: Policy,
  calendar: BusinessCalendar,
  scope: TimelineScope,
): StatusTimeline {
  if (policy === 'forward') {
    // The latest poll at or before an instant rules; the first poll also rules everything before it.
    return { bounds: polls.at.subarray(1), active: polls.active };
  }
  const evidence = calendar.alwaysOpen ? polls : businessEvidence(polls, calendar, scope);
  const n = evidence.at.length;
  const bounds = new Float64Array(Math.max(0, n - 1));
  // The nearest poll rules, so the status switches halfway between neighbouring polls.
  for (let i = 0; i + 1 < n; i++) bounds[i] = (evidence.at[i] + evidence.at[i + 1]) / 2;
  return { bounds, active: evidence.active };
}

/**
 * The polls taken inside business hours that can be nearest to an instant from `scope.from` on:
 * the latest one before it and all after it. All polls when none at all was taken inside.
 */
function businessEvidence(polls: SortedPolls, calendar: BusinessCalendar, scope: TimelineScope): SortedPolls {
  const { at, active } = polls;
  const first = firstAtOrAfter(at, scope.from);
  const kept = { at: new Float64Array(at.length - first + 1), active: new Uint8Array(at.length - first + 1) };
  let n = 0;
  const keep = (i: number): void => {
    kept.at[n] = at[i];
    kept.active[n++] = active[i];
  };
  // Earlier business polls are never nearer to an instant in scope than the latest one before it.
  let before = first - 1;
  while (before >= 0 && !calendar.isOpenAt(at[before])) before--;
  if (before >= 0) keep(before);
  // Polls in scope are checked against the scope's intervals in one forward pass.
  const { intervals } = scope;
  let k = 0;
  for (let i = first; i < at.length; i++) {
    while (k < intervals.length && intervals[k].end <= at[i]) k++;
    if (k < intervals.length && intervals[k].start <= at[i]) keep(i);
  }
  if (n === 0) return polls;
  return { at: kept.at.subarray(0, n), active: kept.active.subarray(0, n) };
}

/** Index of the first element >= value in a sorted array (its length if none). */
function firstAtOrAfter(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
