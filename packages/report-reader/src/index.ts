export { reportFromDatabase, reportInSnapshot } from './database-report';
export { storeTimelineFromDatabase, type StoreTimelineOptions } from './store-timeline';
export { planReport, type ReportPlan } from './report-plan';
export { inSnapshot } from './report-snapshot';
export { describeRange, rangeCoverageProblem, rangesFromStarts, sameRange, type StoreRange } from './store-ranges';
export { hasPolls, pollBounds, pollBoundsOf } from './poll-bounds';
