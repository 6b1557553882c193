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
  const { bounds, active } = timeline;
  let from = now;
  for (const w of windows) from = Math.min(from, w.start);
  let k = 0; // index of the segment that holds the current position
  for (const iv of intervals) {
    let pos = Math.max(iv.start, from);
    const end = Math.min(iv.end, now);
    while (k < bounds.length && bounds[k] <= pos) k++;
    while (pos < end) {
      const segmentEnd = k < bounds.length ? Math.min(bounds[k], end) : end;
      addPiece(windows, pos, segmentEnd, active[k]);
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
