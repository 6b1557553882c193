import type { Interval } from './business-hours';
import { DOWN, UP, type StatusTimeline } from './status-timeline';

/** Business time split by status inside one window ending at now. */
export interface WindowTotals {
  start: number;
  upMs: number;
  downMs: number;
  unknownMs: number;
}

/**
 * Adds each business interval's time to the windows it overlaps, split by the timeline's status.
 * Intervals are sorted; the part of each between the earliest window start and `now` counts, so
 * one forward pass over the timeline serves all windows.
 */
export function sumByStatus(
  intervals: Interval[],
  now: number,
  timeline: StatusTimeline,
  windows: WindowTotals[],
): void {
  let from = now;
  for (const w of windows) from = Math.min(from, w.start);
  forEachPiece(intervals, from, now, timeline, (start, end, state) => addPiece(windows, start, end, state));
}

/**
 * Calls `visit` for each piece of business time in [from, now) over which the timeline's state is
 * constant, in time order, with the state and the index of the timeline step that holds it.
 */
export function forEachPiece(
  intervals: Interval[],
  from: number,
  now: number,
  timeline: StatusTimeline,
  visit: (start: number, end: number, state: number, step: number) => void,
): void {
  const { bounds, active } = timeline;
  let k = 0; // index of the segment that holds the current position
  for (const iv of intervals) {
    let pos = Math.max(iv.start, from);
    const end = Math.min(iv.end, now);
    while (k < bounds.length && bounds[k] <= pos) k++;
    while (pos < end) {
      const segmentEnd = k < bounds.length ? Math.min(bounds[k], end) : end;
      visit(pos, segmentEnd, active[k], k);
      pos = segmentEnd;
      if (k < bounds.length && bounds[k] <= pos) k++;
    }
  }
}

function addPiece(windows: WindowTotals[], from: number, to: number, state: number): void {
  for (const w of windows) {
    const overlap = to - Math.max(from, w.start);
    if (overlap <= 0) continue;
    if (state === UP) w.upMs += overlap;
    else if (state === DOWN) w.downMs += overlap;
    else w.unknownMs += overlap;
  }
}
