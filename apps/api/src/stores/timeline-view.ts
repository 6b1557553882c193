import {
  formatDuration,
  type BusinessSpan,
  type ExplainedPoll,
  type ReportRow,
  type SegmentStatus,
  type StoreTimeline,
  type TimelineSegment,
} from '@store-monitor/engine';
import { localInstant, utcInstant } from './instant-text';

/** A stretch of time as the API shows it: UTC instants and the store's local times beside them. */
interface StretchView {
  start: string;
  end: string;
  start_local: string;
  end_local: string;
}

export interface SegmentView extends StretchView {
  status: SegmentStatus;
  /** The poll whose status this is (UTC); null when unknown. */
  poll_at: string | null;
}

export interface SpanView extends StretchView {
  segments: SegmentView[];
}

export interface PollView {
  at: string;
  at_local: string;
  status: 'active' | 'inactive';
  in_business_hours: boolean;
  evidence: boolean;
}

/** GET /stores/{id}/timeline's body: the engine's StoreTimeline in the API's spelling (snake_case, ISO text). */
export interface TimelineView {
  store_id: string;
  time_zone: string;
  policy: string;
  /** Only when asked for, as get_report shows a report's. */
  max_gap?: string;
  /** As asked; null: the latest poll. */
  as_of: string | null;
  now: string;
  now_local: string;
  from: string;
  from_local: string;
  row: ReportRow;
  spans: SpanView[];
  polls: PollView[];
}

/** The timeline with every instant as UTC text (microseconds kept) and as local text in the store's zone. */
export function toTimelineView(timeline: StoreTimeline, asOf: number | null): TimelineView {
  const zone = timeline.timeZone;
  const local = localTexts(zone);
  const stretch = (start: number, end: number): StretchView => ({
    start: utcInstant(start),
    end: utcInstant(end),
    start_local: local(start),
    end_local: local(end),
  });
  const segment = (s: TimelineSegment): SegmentView => ({
    ...stretch(s.start, s.end),
    status: s.status,
    poll_at: s.pollAt === null ? null : utcInstant(s.pollAt),
  });
  const span = (s: BusinessSpan): SpanView => ({ ...stretch(s.start, s.end), segments: s.segments.map(segment) });
  const poll = (p: ExplainedPoll): PollView => ({
    at: utcInstant(p.at),
    at_local: local(p.at),
    status: p.active ? 'active' : 'inactive',
    in_business_hours: p.inBusinessHours,
    evidence: p.evidence,
  });
  return {
    store_id: timeline.storeId,
    time_zone: zone,
    policy: timeline.policy,
    ...(timeline.maxGapMs === undefined ? {} : { max_gap: formatDuration(timeline.maxGapMs) }),
    as_of: asOf === null ? null : utcInstant(asOf),
    now: utcInstant(timeline.now),
    now_local: local(timeline.now),
    from: utcInstant(timeline.from),
    from_local: local(timeline.from),
    row: timeline.row,
    spans: timeline.spans.map(span),
    polls: timeline.polls.map(poll),
  };
}

/**
 * localInstant, each instant once: a segment's end is the next one's start and spans share their
 * ends with their segments, so this halves the date-fns-tz calls, which are most of this view's time.
 */
function localTexts(zone: string): (ms: number) => string {
  const texts = new Map<number, string>();
  return (ms) => {
    let text = texts.get(ms);
    if (text === undefined) {
      text = localInstant(ms, zone);
      texts.set(ms, text);
    }
    return text;
  };
}
