export * from './types';
export { computeStore, WINDOW_MS } from './compute-store';
export { sortPolls, type SortedPolls } from './poll-series';
export { ArrayArena, FRESH_ARRAYS, type ArraySource } from './scratch-arrays';
export { buildReport, latestPoll, sortStores, assembleStores, type Report } from './build-report';
export {
  REPORT_COLUMNS,
  REPORT_HEADER,
  UNKNOWN_COLUMNS,
  reportColumns,
  reportHeader,
  type ReportColumn,
  toReportRow,
  formatReportRow,
  storeIdField,
  parseStoreIdField,
} from './report-row';
export { compareStoreIds } from './store-id-order';
export { spanOfRow, mergeIntervals, BusinessCalendar, type Interval } from './business-hours';
export { ZoneClock, zoneClock, isValidTimeZone, weekdayOf, MINUTE_MS, HOUR_MS, DAY_MS } from './time/zone-clock';
export { asOfProblem, type PollBounds } from './as-of-bounds';
export { formatDuration, DURATION_UNITS } from './time/duration';
export { formatInstant } from './time/instant-text';
export { daysFromCivil } from './time/civil-date';
export {
  explainStore,
  type StoreTimeline,
  type BusinessSpan,
  type TimelineSegment,
  type SegmentStatus,
  type ExplainedPoll,
} from './explain-store';
