import type { ExplainedPoll, SegmentStatus, StoreTimeline, TimelineSegment } from '@store-monitor/engine';
import type { LocalDay } from './local-days';

export interface Stretch {
  start: number;
  end: number;
}

export type StatusTotals = Record<SegmentStatus, number>;

/** What one day's row shows: the parts of the week's spans, segments and polls inside that day. */
export interface DayContent {
  day: LocalDay;
  bands: Stretch[];
  /** Segments cut at the day's edges (a segment across midnight is drawn in two rows). */
  segments: TimelineSegment[];
  polls: ExplainedPoll[];
  /** Business time per status in this day, in ms: the days' totals add up to the week's. */
  totals: StatusTotals;
}

/** The timeline cut into its local days. Polls before the first day are not in any day. */
export function contentByDay(timeline: StoreTimeline, days: LocalDay[]): DayContent[] {
  return days.map((day) => {
    const totals: StatusTotals = { up: 0, down: 0, unknown: 0 };
    const bands: Stretch[] = [];
    const segments: TimelineSegment[] = [];
    for (const span of timeline.spans) {
      const band = clip(span, day);
      if (!band) continue;
      bands.push(band);
      for (const segment of span.segments) {
        const piece = clip(segment, day);
        if (!piece) continue;
        segments.push({ ...segment, ...piece });
        totals[segment.status] += piece.end - piece.start;
      }
    }
    const polls = timeline.polls.filter((p) => p.at >= day.start && p.at < day.end);
    return { day, bands, segments, polls, totals };
  });
}

function clip(stretch: Stretch, day: LocalDay): Stretch | null {
  const start = Math.max(stretch.start, day.start);
  const end = Math.min(stretch.end, day.end);
  return start < end ? { start, end } : null;
}
