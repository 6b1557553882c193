import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ReportRecord } from '@store-monitor/db';
import { reportColumns, type StoreTimeline } from '@store-monitor/engine';
import { storeTimelineFromDatabase } from '@store-monitor/report-reader';
import { ReportMissingError, ReportUnreadableError } from '@store-monitor/service';
import { renderTimelineSvg } from '@store-monitor/timeline-svg';
import { HttpError, INVALID_REPORT_ID, reportNotFound, shown } from '../http-error';
import { parseReportId } from '../schemas/reports';
import {
  storesPageSchema,
  timelineSchema,
  timelineSvgSchema,
  type StoreParams,
  type StoresQuery,
  type TimelineQuery,
} from '../schemas/stores';
import { pageOfRows } from '../stores/report-page';
import { refuseNonFinite } from './finite-page';
import { RowsCache } from '../stores/rows-cache';
import { parseTimelineQuery, refuseAsOfOutsideData } from '../stores/timeline-query';
import { toTimelineView } from '../stores/timeline-view';

type TimelineRequest = FastifyRequest<{ Params: StoreParams; Querystring: TimelineQuery }>;

/**
 * A picture drawn from stored data (store ids are uploaded text) must never run anything, even
 * opened on its own in a browser: no scripts, no fetches, only its own inline styles.
 */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** Reports whose rows stay decoded in memory: a 14,000-row report takes a few megabytes. */
const CACHED_REPORTS = 4;

/**
 * One store explained (GET /stores/{id}/timeline, as JSON or drawn as SVG) and a complete report's
 * rows a page at a time (GET /stores), for the console and for anyone asking why a number is what
 * it is.
 */
export const storeRoutes: FastifyPluginAsync = async (app) => {
  const cache = new RowsCache(CACHED_REPORTS);
  app.get('/stores/:id/timeline', { schema: timelineSchema }, async (request: TimelineRequest) => {
    const { asOf, timeline } = await timelineOf(app, request);
    return toTimelineView(timeline, asOf);
  });

  app.get('/stores/:id/timeline.svg', { schema: timelineSvgSchema }, async (request: TimelineRequest, reply) => {
    const { timeline } = await timelineOf(app, request);
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('content-security-policy', SVG_POLICY)
      .send(renderTimelineSvg(timeline));
  });

  // attachValidation: a bad report_id answers get_report's "Invalid report_id", before any other field.
  const pageOptions = { schema: storesPageSchema, attachValidation: true };
  app.get<{ Querystring: StoresQuery }>('/stores', pageOptions, async (request) => {
    const reportId = parseReportId(request.query.report_id);
    if (reportId === null)
      throw new HttpError(400, 'querystring/report_id must be a report id (a uuid)', INVALID_REPORT_ID);
    if (request.validationError) throw request.validationError;
    refuseNonFinite(request.query);
    const report = await app.reports.get(reportId);
    if (report === null) throw reportNotFound(reportId);
    const columns = reportColumns(report.maxGapMs !== null);
    const { sort, order, offset, limit, q } = request.query;
    if (!columns.includes(sort)) throw notAColumn(sort, columns);
    const rows = await readCompleteRows(app, report, cache);
    const page = pageOfRows(rows, { sort, order, offset, limit, q });
    return { report_id: reportId, total: page.total, offset, limit, columns, rows: page.rows };
  });
};

/** The query read and checked, then the store's timeline: 404 when there is none at that now. */
async function timelineOf(
  app: FastifyInstance,
  request: TimelineRequest,
): Promise<{ asOf: number | null; timeline: StoreTimeline }> {
  const { asOf, policy, maxGapMs } = parseTimelineQuery(request.query);
  await refuseAsOfOutsideData(app, asOf);
  const storeId = request.params.id;
  const options = { policy, ...(asOf === null ? {} : { asOf }), ...(maxGapMs === undefined ? {} : { maxGapMs }) };
  const timeline = await storeTimelineFromDatabase(app.db, storeId, options);
  if (timeline === null) {
    const when = asOf === null ? 'now' : request.query.as_of;
    throw new HttpError(404, `no store ${shown(storeId)} with a poll at or before ${when}`);
  }
  return { asOf, timeline };
}

/** Only a complete report has rows; anything else is a conflict the message explains. */
async function readCompleteRows(app: FastifyInstance, report: ReportRecord, cache: RowsCache) {
  if (report.status === 'failed')
    throw new HttpError(409, `report ${report.id} failed (${report.error ?? 'no reason kept'}); it has no rows`);
  if (report.status !== 'complete') {
    const state = `${report.status === 'queued' ? 'Queued' : 'Running'} (${Math.round(report.progress * 100)}%)`;
    throw new HttpError(409, `report ${report.id} is ${state}; its rows can be paged once it is Complete`);
  }
  try {
    return await cache.get(report.id, () => app.store.readRows(report.id));
  } catch (error) {
    // As get_report says it: a complete report without its file is the server's fault.
    if (error instanceof ReportMissingError) throw new HttpError(500, error.message, 'Report file missing');
    if (error instanceof ReportUnreadableError) throw new HttpError(500, error.message, 'Report file unreadable');
    throw error;
  }
}

function notAColumn(sort: string, columns: readonly string[]): HttpError {
  return new HttpError(
    400,
    `querystring/sort ${sort} is not a column of this report (it has no max_gap); sort by one of ${columns.join(', ')}`,
  );
}
