import type { BusinessCalendar } from './business-hours';
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

/** Builds the step function of a policy from a store's sorted polls (at least one). */
export function statusTimeline(polls: SortedPolls, policy: Policy, calendar: BusinessCalendar): StatusTimeline {
  if (policy === 'forward') {
    // The latest poll at or before an instant rules; the first poll also rules everything before it.
    return { bounds: polls.at.subarray(1), active: polls.active };
  }
  const evidence = businessEvidence(polls, calendar);
  const n = evidence.at.length;
  const bounds = new Float64Array(Math.max(0, n - 1));
  // The nearest poll rules, so the status switches halfway between neighbouring polls.
  for (let i = 0; i + 1 < n; i++) bounds[i] = (evidence.at[i] + evidence.at[i + 1]) / 2;
  return { bounds, active: evidence.active };
}

/** Polls taken inside business hours; all polls when none were. */
function businessEvidence(polls: SortedPolls, calendar: BusinessCalendar): SortedPolls {
  if (calendar.alwaysOpen) return polls;
  const keep: number[] = [];
  for (let i = 0; i < polls.at.length; i++) if (calendar.isOpenAt(polls.at[i])) keep.push(i);
  if (keep.length === 0 || keep.length === polls.at.length) return polls;
  return {
    at: Float64Array.from(keep, (i) => polls.at[i]),
    active: Uint8Array.from(keep, (i) => polls.active[i]),
  };
}
