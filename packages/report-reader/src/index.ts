export { reportFromDatabase, reportInSnapshot, type DatabaseReport, type DatabaseReportOptions } from './database-report';
export { planReport, type ReportPlan } from './report-plan';
export { ReportSnapshot, inSnapshot } from './report-snapshot';
export { describeRange, rangeCoverageProblem, rangesFromStarts, sameRange, type StoreRange } from './store-ranges';
export { pollBounds, pollBoundsOf } from './poll-bounds';
