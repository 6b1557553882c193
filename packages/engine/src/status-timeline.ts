import type { BusinessCalendar, Interval } from './business-hours';
import type { SortedPolls } from './poll-series';
import { type ArraySource, FRESH_ARRAYS } from './scratch-arrays';
import { firstAtOrAfter } from './sorted-search';
import type { Policy } from './types';

/** The states of a timeline: `UP` and `DOWN` are a poll's own values (1 and 0). */
export const DOWN = 0;
export const UP = 1;
export const UNKNOWN = 2;

/**
 * The estimated status as a step function of time: `active[i]` (DOWN, UP or UNKNOWN) holds on
 * [bounds[i - 1], bounds[i]), with -Infinity before the first bound and +Infinity after the last.
 */
export interface StatusTimeline {
  bounds: Float64Array;
  active: Uint8Array;
}

/** The polls a policy reads: `nearest` keeps those inside business hours (all when none is). */
export function evidencePolls(
  polls: SortedPolls,
  policy: Policy,
  calendar: BusinessCalendar,
  scope: TimelineScope,
  arrays: ArraySource = FRESH_ARRAYS,
): SortedPolls {
  return policy === 'forward' || calendar.alwaysOpen ? polls : businessEvidence(polls, calendar, scope, arrays);
}

/** What the timeline is needed for: the business intervals that overlap [from, now]. */
export interface TimelineScope {
  from: number;
  intervals: Interval[];
}

/**
 * Builds the step function of a policy from a store's sorted polls (at least one). With a max gap,
 * instants whose evidence is further away than it are UNKNOWN.
 */
export function statusTimeline(
  polls: SortedPolls,
  policy: Policy,
  calendar: BusinessCalendar,
  scope: TimelineScope,
  maxGapMs?: number,
  arrays: ArraySource = FRESH_ARRAYS,
): StatusTimeline {
  if (policy === 'forward') {
    if (maxGapMs !== undefined) return forwardWithGaps(polls, maxGapMs, arrays);
    // The latest poll at or before an instant rules; the first poll also rules everything before it.
    return { bounds: polls.at.subarray(1), active: polls.active };
  }
  const evidence = evidencePolls(polls, policy, calendar, scope, arrays);
  if (maxGapMs !== undefined) return nearestWithGaps(evidence, maxGapMs, arrays);
  const n = evidence.at.length;
  const bounds = arrays.floats(Math.max(0, n - 1));
  // The nearest poll rules, so the status switches halfway between neighbouring polls.
  for (let i = 0; i + 1 < n; i++) bounds[i] = (evidence.at[i] + evidence.at[i + 1]) / 2;
  return { bounds, active: evidence.active };
}

/** Appends steps to a timeline under construction; each step's state holds up to its bound. */
class TimelineBuilder {
  private readonly bounds: Float64Array;
  private readonly states: Uint8Array;
  private n = 0;

  constructor(maxSteps: number, arrays: ArraySource) {
    this.bounds = arrays.floats(maxSteps);
    this.states = arrays.bytes(maxSteps + 1);
  }

  /** `state` holds until `bound`, where the next step starts. */
  step(state: number, bound: number): void {
    this.states[this.n] = state;
    this.bounds[this.n++] = bound;
  }

  /** The state that holds after the last bound. */
  finish(state: number): StatusTimeline {
    this.states[this.n] = state;
    return { bounds: this.bounds.subarray(0, this.n), active: this.states.subarray(0, this.n + 1) };
  }
}

/**
 * `nearest` with a max gap: an instant is known when the evidence poll nearest to it is at most
 * `gap` away. Between two polls further apart than twice the gap, the middle is unknown.
 */
function nearestWithGaps({ at, active }: SortedPolls, gap: number, arrays: ArraySource): StatusTimeline {
  const n = at.length;
  const timeline = new TimelineBuilder(2 * n, arrays);
  timeline.step(UNKNOWN, at[0] - gap);
  for (let i = 0; i + 1 < n; i++) {
    if (at[i + 1] - at[i] <= 2 * gap) {
      timeline.step(active[i], (at[i] + at[i + 1]) / 2);
    } else {
      timeline.step(active[i], at[i] + gap);
      timeline.step(UNKNOWN, at[i + 1] - gap);
    }
  }
  timeline.step(active[n - 1], at[n - 1] + gap);
  return timeline.finish(UNKNOWN);
}

/**
 * `forward` with a max gap: an instant is known when the latest poll at or before it is at most
 * `gap` before it, or, before the first poll, when the first poll is at most `gap` after it.
 */
function forwardWithGaps({ at, active }: SortedPolls, gap: number, arrays: ArraySource): StatusTimeline {
  const n = at.length;
  const timeline = new TimelineBuilder(2 * n, arrays);
  timeline.step(UNKNOWN, at[0] - gap);
  for (let i = 0; i + 1 < n; i++) {
    if (at[i + 1] - at[i] <= gap) {
      timeline.step(active[i], at[i + 1]);
    } else {
      timeline.step(active[i], at[i] + gap);
      timeline.step(UNKNOWN, at[i + 1]);
    }
  }
  timeline.step(active[n - 1], at[n - 1] + gap);
  return timeline.finish(UNKNOWN);
}

/**
 * The polls taken inside business hours that can be nearest to an instant from `scope.from` on:
 * the latest one before it and all after it. All polls when none at all was taken inside.
 */
function businessEvidence(
  polls: SortedPolls,
  calendar: BusinessCalendar,
  scope: TimelineScope,
  arrays: ArraySource,
): SortedPolls {
  const { at, active } = polls;
  const first = firstAtOrAfter(at, scope.from);
  const kept = { at: arrays.floats(at.length - first + 1), active: arrays.bytes(at.length - first + 1) };
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
