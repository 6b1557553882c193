import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ReportRecord } from '@store-monitor/db';
import { formatInstant } from '@store-monitor/engine';
import { ReportMissingError, ReportUnreadableError, type ReportStore } from '@store-monitor/service';
import { HttpError, INVALID_REPORT_ID, reportNotFound } from '../http-error';
import { maxGapField, toReportView } from '../reports/report-view';
import { refuseNonFinite } from './finite-page';
import {
  getReportRecordSchema,
  getReportSchema,
  listReportsSchema,
  parseReportId,
  REPORT_NOW_HEADER,
  type GetReportQuery,
  type ReportListQuery,
  type ReportParams,
} from '../schemas/reports';

/**
 * Reading reports: GET /get_report (the contract: status, then the CSV or its rows), GET /reports
 * (the records, a page at a time) and GET /reports/:id (one record).
 */
export const reportRoutes: FastifyPluginAsync = async (app) => {
  // attachValidation: a bad report_id must answer the contract's body, not the generic 400.
  const getReportOptions = { schema: getReportSchema, attachValidation: true };
  app.get<{ Querystring: GetReportQuery }>('/get_report', getReportOptions, async (request, reply) => {
    const reportId = parseReportId(request.query.report_id);
    if (reportId === null) throw new HttpError(400, 'report_id must be a report id (a uuid)', INVALID_REPORT_ID);
    if (request.validationError) throw request.validationError;

    const report = await app.reports.get(reportId);
    if (report === null) throw reportNotFound(reportId);
    // The instant the report is computed at, once a worker has planned it: CSV answers carry it too.
    const now = report.nowMs === null ? null : formatInstant(report.nowMs);
    if (now !== null) void reply.header(REPORT_NOW_HEADER, now);
    return answer(report, now, app.store, request.query.format ?? 'csv', reply).catch(storeFault);
  });

  app.get<{ Querystring: ReportListQuery }>('/reports', { schema: listReportsSchema }, async (request) => {
    refuseNonFinite(request.query);
    const { offset, limit } = request.query;
    const { reports, total } = await app.reports.page(offset, limit);
    return { reports: reports.map(toReportView), total, offset, limit };
  });

  const recordOptions = { schema: getReportRecordSchema, attachValidation: true };
  app.get<{ Params: ReportParams }>('/reports/:id', recordOptions, async (request) => {
    const reportId = parseReportId(request.params.id);
    if (reportId === null) throw new HttpError(400, 'the id must be a report id (a uuid)', INVALID_REPORT_ID);
    const report = await app.reports.get(reportId);
    if (report === null) throw reportNotFound(reportId);
    return toReportView(report);
  });
};

/** The store is asked by the record's id, the checked one from the request, never by its stored file path. */
async function answer(
  report: ReportRecord,
  now: string | null,
  store: ReportStore,
  format: 'csv' | 'json',
  reply: FastifyReply,
) {
  // A report with a max gap says so in every JSON answer; its rows then carry the unknown columns.
  const maxGap = maxGapField(report);
  switch (report.status) {
    case 'queued':
    case 'running':
      return { status: 'Running', progress: report.progress, now, ...maxGap };
    case 'failed':
      return { status: 'Failed', error: report.error ?? 'the report failed', now, ...maxGap };
    case 'complete': {
      if (format === 'json') return { status: 'Complete', now, ...maxGap, rows: await store.readRows(report.id) };
      const csv = await store.readCsv(report.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${report.id}.csv"`)
        .header('x-report-status', 'Complete')
        .send(csv);
    }
  }
}

/** A complete report whose file is missing or is not a report's is a server-side fault (500), said plainly. */
function storeFault(error: unknown): never {
  if (error instanceof ReportMissingError) throw new HttpError(500, error.message, 'Report file missing');
  if (error instanceof ReportUnreadableError) throw new HttpError(500, error.message, 'Report file unreadable');
  throw error;
}
