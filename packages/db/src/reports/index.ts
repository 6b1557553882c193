export { ReportRecords, type ReportRecord, type ReportStatus, type ReportPage } from './report-records';
