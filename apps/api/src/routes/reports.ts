import type { FastifyPluginAsync } from 'fastify';
import { HttpError, INVALID_REPORT_ID, reportNotFound } from '../http-error';
import { parseReportId } from '../report-id';
import { toReportView } from '../reports/report-view';
import { getReportRecordSchema, listReportsSchema, type ReportListQuery, type ReportParams } from '../schemas/reports';

export const reportsRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: ReportListQuery }>('/reports', { schema: listReportsSchema }, async (request) => {
    const { offset, limit } = request.query;
    const { reports, total } = await app.reports.page(offset, limit);
    return { reports: reports.map(toReportView), total, offset, limit };
  });

  app.get<{ Params: ReportParams }>('/reports/:id', { schema: getReportRecordSchema, attachValidation: true }, async (request) => {
    const reportId = parseReportId(request.params.id);
    if (reportId === null) throw new HttpError(400, 'the id must be a report id (a uuid)', INVALID_REPORT_ID);
    const report = await app.reports.get(reportId);
    if (report === null) throw reportNotFound(reportId);
    return toReportView(report);
  });
};
