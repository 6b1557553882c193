import { BusinessCalendar, type Interval } from './business-hours';
import { computeStore, WINDOW_MS } from './compute-store';
import { sortPolls, type SortedPolls } from './poll-series';
import { firstAtOrAfter } from './sorted-search';
import { toReportRow } from './report-row';
import { DOWN, evidencePolls, statusTimeline, UP } from './status-timeline';
import { zoneClock } from './time/zone-clock';
import { DEFAULT_TIME_ZONE, type Policy, type ReportRow, type StoreDurations, type StoreInput } from './types';
import { forEachPiece } from './window-durations';

export type SegmentStatus = 'up' | 'down' | 'unknown';

/** A stretch of business time with one status, and the poll that status comes from. */
export interface TimelineSegment {
  start: number;
  end: number;
  status: SegmentStatus;
  /** The instant of the poll whose status this is; null when the status is unknown. */
  pollAt: number | null;
}

/** One merged business interval inside the week window, cut into segments that cover it. */
export interface BusinessSpan {
  start: number;
  end: number;
  segments: TimelineSegment[];
}

/** A poll at or before now, and how the policy used it. */
export interface ExplainedPoll {
  at: number;
  active: boolean;
  /** Taken inside business hours (special days applied). */
  inBusinessHours: boolean;
  /** Read by the policy: every poll for `forward`, the business-hours ones for `nearest`. */
  evidence: boolean;
}

/** Why a store's report row is what it is: its business time in the week window, segment by segment. */
export interface StoreTimeline {
  storeId: string;
  timeZone: string;
  policy: Policy;
  maxGapMs?: number;
  now: number;
  /** The week window's start: spans and segments lie in [from, now). */
  from: number;
  spans: BusinessSpan[];
  /**
   * The store's polls from the latest one before `from` (or, if earlier, the oldest poll a segment
   * names) on: older ones cannot matter here.
   */
  polls: ExplainedPoll[];
  durations: StoreDurations;
  row: ReportRow;
}

const STATUS_NAMES: Record<number, SegmentStatus> = { [UP]: 'up', [DOWN]: 'down' };

/**
 * The report row of one store with the segments it is made of, computed by the same calendar and
 * status timeline as `computeStore`. Null when the store has no poll at or before now.
 */
export function explainStore(store: StoreInput, now: number, policy: Policy, maxGapMs?: number): StoreTimeline | null {
  const durations = computeStore(store, now, policy, maxGapMs);
  if (!durations) return null;
  const polls = sortPolls(store.polls, now);
  const timeZone = store.timeZone ?? DEFAULT_TIME_ZONE;
  const calendar = new BusinessCalendar(store.hours, zoneClock(timeZone), store.specialHours);
  const from = now - WINDOW_MS.week;
  const intervals = calendar.intervalsBetween(from, now + 1);
  const scope = { from, intervals };
  const evidence = evidencePolls(polls, policy, calendar, scope);
  const timeline = statusTimeline(polls, policy, calendar, scope, maxGapMs);
  const sourceOf = policy === 'forward' ? latestAtOrBefore(evidence) : nearestTo(evidence);
  const spans = intervals.filter((iv) => iv.end > from && iv.start < now).map(clipTo(from, now));
  let span = 0;
  let earliestSource = from;
  forEachPiece(intervals, from, now, timeline, (start, end, state) => {
    while (spans[span].end <= start) span++;
    const status = STATUS_NAMES[state] ?? 'unknown';
    const pollAt = status === 'unknown' ? null : sourceOf((start + end) / 2);
    if (pollAt !== null && pollAt < earliestSource) earliestSource = pollAt;
    spans[span].segments.push({ start, end, status, pollAt });
  });
  return {
    storeId: store.storeId,
    timeZone,
    policy,
    ...(maxGapMs === undefined ? {} : { maxGapMs }),
    now,
    from,
    spans,
    polls: explainPolls(polls, evidence, calendar, firstPollToShow(polls, from, earliestSource)),
    durations,
    row: toReportRow(durations),
  };
}

const clipTo =
  (from: number, now: number) =>
  (iv: Interval): BusinessSpan => ({ start: Math.max(iv.start, from), end: Math.min(iv.end, now), segments: [] });

/** The oldest poll a segment names, or else the latest one before the window. */
function firstPollToShow({ at }: SortedPolls, from: number, earliestSource: number): number {
  return earliestSource < from ? lastBefore(at, earliestSource) + 1 : Math.max(0, lastBefore(at, from));
}

function explainPolls(polls: SortedPolls, evidence: SortedPolls, calendar: BusinessCalendar, first: number) {
  const used = new Set<number>(evidence.at);
  const explained: ExplainedPoll[] = [];
  for (let i = first; i < polls.at.length; i++) {
    const at = polls.at[i];
    explained.push({
      at,
      active: polls.active[i] === 1,
      inBusinessHours: calendar.isOpenAt(at),
      evidence: used.has(at),
    });
  }
  return explained;
}

/** Index of the last element < value in an ascending array (-1 if none). */
const lastBefore = (sorted: ArrayLike<number>, value: number): number => firstAtOrAfter(sorted, value) - 1;

/** `forward`: the latest poll at or before an instant; before the first poll, the first. */
const latestAtOrBefore =
  ({ at }: SortedPolls) =>
  (instant: number): number => {
    let i = lastBefore(at, instant);
    if (i + 1 < at.length && at[i + 1] === instant) i++;
    return at[Math.max(0, i)];
  };

/** `nearest`: the evidence poll nearest to an instant (the later one on a tie, as the timeline does). */
const nearestTo =
  ({ at }: SortedPolls) =>
  (instant: number): number => {
    const after = lastBefore(at, instant) + 1;
    if (after === 0) return at[0];
    if (after === at.length) return at[at.length - 1];
    return instant - at[after - 1] < at[after] - instant ? at[after - 1] : at[after];
  };
