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
  const stretch = (start: number, end: number): StretchView => ({
    start: utcInstant(start),
    end: utcInstant(end),
    start_local: localInstant(start, zone),
    end_local: localInstant(end, zone),
  });
  const segment = (s: TimelineSegment): SegmentView => ({
    ...stretch(s.start, s.end),
    status: s.status,
    poll_at: s.pollAt === null ? null : utcInstant(s.pollAt),
  });
  const span = (s: BusinessSpan): SpanView => ({ ...stretch(s.start, s.end), segments: s.segments.map(segment) });
  const poll = (p: ExplainedPoll): PollView => ({
    at: utcInstant(p.at),
    at_local: localInstant(p.at, zone),
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
    now_local: localInstant(timeline.now, zone),
    from: utcInstant(timeline.from),
    from_local: localInstant(timeline.from, zone),
    row: timeline.row,
    spans: timeline.spans.map(span),
    polls: timeline.polls.map(poll),
  };
}
