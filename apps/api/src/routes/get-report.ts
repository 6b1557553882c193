import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ReportRecord } from '@store-monitor/db';
import { HttpError, INVALID_REPORT_ID, reportNotFound } from '../http-error';
import { parseReportId } from '../report-id';
import { formatInstant } from '@store-monitor/engine';
import { openReportFile, readReportRows, reportFilePath } from '../reports/report-file';
import { getReportSchema, REPORT_NOW_HEADER, type GetReportQuery } from '../schemas/reports';

export const getReportRoutes: FastifyPluginAsync = async (app) => {
  // attachValidation: a bad report_id must answer the contract's body, not the generic 400.
  app.get<{ Querystring: GetReportQuery }>('/get_report', { schema: getReportSchema, attachValidation: true }, async (request, reply) => {
    const reportId = parseReportId(request.query.report_id);
    if (reportId === null) throw new HttpError(400, 'report_id must be a report id (a uuid)', INVALID_REPORT_ID);
    if (request.validationError) throw request.validationError;

    const report = await app.reports.get(reportId);
    if (report === null) throw reportNotFound(reportId);
    // The file is named by the checked id from the request, not by anything stored in the row.
    const path = reportFilePath(app.config.reportsDir, reportId);
    // The instant the report is computed at, once a worker has planned it: CSV answers carry it too.
    const now = report.nowMs === null ? null : formatInstant(report.nowMs);
    if (now !== null) void reply.header(REPORT_NOW_HEADER, now);
    return answer(report, now, path, request.query.format ?? 'csv', reply);
  });
};

async function answer(report: ReportRecord, now: string | null, path: string, format: 'csv' | 'json', reply: FastifyReply) {
  switch (report.status) {
    case 'queued':
    case 'running':
      return { status: 'Running', progress: report.progress, now };
    case 'failed':
      return { status: 'Failed', error: report.error ?? 'the report failed', now };
    case 'complete': {
      if (format === 'json') return { status: 'Complete', now, rows: await readReportRows(path, report.id) };
      const file = await openReportFile(path, report.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${report.id}.csv"`)
        .header('x-report-status', 'Complete')
        .send(file.createReadStream());
    }
  }
}
