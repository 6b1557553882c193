import { REPORT_COLUMNS } from '@store-monitor/engine';
import { REPORT_ID_PATTERN } from '../report-id';
import { bearerSecurity, errorResponses } from './error';

const reportId = { type: 'string', pattern: REPORT_ID_PATTERN, description: 'A report id from POST /trigger_report.' } as const;

// --- GET /get_report

export interface GetReportQuery {
  report_id?: string;
  format?: 'csv' | 'json';
}

/** One report row as JSON: keyed by the CSV header's columns, the durations as numbers. */
const reportRow = {
  type: 'object',
  required: [...REPORT_COLUMNS],
  properties: Object.fromEntries(REPORT_COLUMNS.map((column) => [column, { type: column === 'store_id' ? 'string' : 'number' }])),
} as const;

const runningBody = {
  type: 'object',
  required: ['status', 'progress'],
  properties: { status: { type: 'string', enum: ['Running'] }, progress: { type: 'number', minimum: 0, maximum: 1 } },
} as const;

const failedBody = {
  type: 'object',
  required: ['status', 'error'],
  properties: { status: { type: 'string', enum: ['Failed'] }, error: { type: 'string' } },
} as const;

const completeBody = {
  type: 'object',
  required: ['status', 'rows'],
  properties: { status: { type: 'string', enum: ['Complete'] }, rows: { type: 'array', items: reportRow } },
} as const;

export const getReportSchema = {
  summary: 'A report\'s status, or the report itself once complete (CSV, or JSON with format=json)',
  tags: ['reports'],
  security: bearerSecurity,
  querystring: {
    type: 'object',
    required: ['report_id'],
    properties: {
      report_id: reportId,
      format: { type: 'string', enum: ['csv', 'json'], default: 'csv', description: 'How a complete report is returned.' },
    },
  },
  response: {
    200: {
      description: 'Running (queued or being built), Failed, or Complete: the CSV file (header X-Report-Status: Complete) or, with format=json, its rows.',
      content: {
        'application/json': { schema: { oneOf: [runningBody, failedBody, completeBody] } },
        'text/csv': { schema: { type: 'string', description: 'The report file (attachment).' } },
      },
    },
    ...errorResponses(401, 400, 404, 500, 503),
  },
} as const;

// --- GET /reports and GET /reports/:id

export interface ReportListQuery {
  offset: number;
  limit: number;
}

export interface ReportParams {
  id: string;
}

const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });

/** A report's record as the API shows it: never the server's file path. */
const reportView = {
  type: 'object',
  required: ['id', 'status', 'as_of', 'policy', 'progress', 'row_count', 'error', 'created_at', 'started_at', 'finished_at'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['queued', 'running', 'complete', 'failed'] },
    as_of: nullable('string', { format: 'date-time' }),
    policy: { type: 'string' },
    progress: { type: 'number' },
    row_count: nullable('integer'),
    error: nullable('string'),
    created_at: { type: 'string', format: 'date-time' },
    started_at: nullable('string', { format: 'date-time' }),
    finished_at: nullable('string', { format: 'date-time' }),
  },
} as const;

export const MAX_PAGE_LIMIT = 100;

export const listReportsSchema = {
  summary: 'Reports, newest first, a page at a time',
  tags: ['reports'],
  security: bearerSecurity,
  querystring: {
    type: 'object',
    properties: {
      offset: { type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0 },
      limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: 20 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['reports', 'total', 'offset', 'limit'],
      properties: {
        reports: { type: 'array', items: reportView },
        total: { type: 'integer', description: 'How many reports there are in all.' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
      },
    },
    ...errorResponses(401, 400, 500, 503),
  },
} as const;

export const getReportRecordSchema = {
  summary: 'One report\'s record: status, inputs, progress and times',
  tags: ['reports'],
  security: bearerSecurity,
  params: { type: 'object', required: ['id'], properties: { id: reportId } },
  response: { 200: reportView, ...errorResponses(401, 400, 404, 500, 503) },
} as const;
