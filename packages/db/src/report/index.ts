export { reportFromDatabase, type DatabaseReport, type DatabaseReportOptions } from './database-report';
export { planReport, type ReportPlan } from './report-plan';
export type { StoreRange } from './report-query';
export { pollBounds, pollBoundsOf } from './poll-bounds';
