import { REPORT_COLUMNS, reportColumns } from '@store-monitor/engine';
import { REPORT_STATES } from '../reports/report-view';
import { errorResponses, type ErrorDoc } from './error';
import { columnDoc, COLUMNS_TEXT, EXAMPLE_CSV, EXAMPLE_ROWS, EXAMPLE_ROWS_WITH_UNKNOWN } from './report-columns';

const EXAMPLE_ID = '5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07';
const EXAMPLE_NOW = '2024-04-07T00:29:26.217913Z';

/**
 * A report id as the API accepts it: a canonical uuid, nothing else (no `urn:uuid:` prefix, no
 * braces). It is both a database key and a file name, so this check is what keeps any path
 * separator, dot or quote out of both.
 */
const REPORT_ID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const REPORT_ID = new RegExp(REPORT_ID_PATTERN);

/** The id in the form PostgreSQL returns it (lower case), or null when it is not a uuid. */
export function parseReportId(value: unknown): string | null {
  return typeof value === 'string' && REPORT_ID.test(value) ? value.toLowerCase() : null;
}

const reportId = {
  type: 'string',
  pattern: REPORT_ID_PATTERN,
  description: 'A report id from POST /trigger_report.',
  examples: [EXAMPLE_ID],
} as const;

/** The response header with the instant a planned report is computed at. */
export const REPORT_NOW_HEADER = 'x-report-now';

const nowField = {
  type: ['string', 'null'],
  format: 'date-time',
  description:
    'The instant the report is computed at (as_of, or the latest poll), fixed when a worker plans it; null ' +
    'while queued.',
} as const;

/** On the answers and records of a report triggered with max_gap, and only there. */
const maxGapField = {
  type: 'string',
  description:
    'The max_gap the report was triggered with, as a duration (2h, 1h30m); absent when it had none. Its rows ' +
    'then carry the unknown_* columns.',
} as const;

const malformedId: ErrorDoc = {
  status: 400,
  error: 'Invalid report_id',
  description: 'The id is not a report id (a uuid).',
  message: 'report_id must be a report id (a uuid)',
};
const unknownId: ErrorDoc = {
  status: 404,
  description: 'No report has this id.',
  message: `no report with id ${EXAMPLE_ID}`,
};

// --- GET /get_report

export interface GetReportQuery {
  report_id?: string;
  format?: 'csv' | 'json';
}

/**
 * One report row as JSON: keyed by the CSV header's columns, the durations as numbers. The three
 * unknown columns are there exactly when the report has a max gap.
 */
const reportRow = {
  type: 'object',
  required: [...REPORT_COLUMNS],
  properties: Object.fromEntries(
    reportColumns(true).map((column) => [
      column,
      { type: column === 'store_id' ? 'string' : 'number', description: columnDoc(column) },
    ]),
  ),
} as const;

const runningBody = {
  type: 'object',
  required: ['status', 'progress', 'now'],
  properties: {
    status: { type: 'string', enum: ['Running'] },
    progress: { type: 'number', minimum: 0, maximum: 1 },
    now: nowField,
    max_gap: maxGapField,
  },
} as const;

const failedBody = {
  type: 'object',
  required: ['status', 'error', 'now'],
  properties: {
    status: { type: 'string', enum: ['Failed'] },
    error: { type: 'string' },
    now: nowField,
    max_gap: maxGapField,
  },
} as const;

const completeBody = {
  type: 'object',
  required: ['status', 'now', 'rows'],
  properties: {
    status: { type: 'string', enum: ['Complete'] },
    now: nowField,
    max_gap: maxGapField,
    rows: { type: 'array', items: reportRow, description: COLUMNS_TEXT },
  },
} as const;

export const getReportSchema = {
  summary: "A report's status, or the report itself once complete (CSV, or JSON with format=json)",
  tags: ['reports'],
  querystring: {
    type: 'object',
    required: ['report_id'],
    properties: {
      report_id: reportId,
      format: {
        type: 'string',
        enum: ['csv', 'json'],
        default: 'csv',
        description: 'How a complete report is returned.',
      },
    },
  },
  response: {
    200: {
      description:
        'Running (queued or being built), Failed, or Complete: the CSV file (header X-Report-Status: Complete) ' +
        'or, with format=json, ' +
        `its rows. ${COLUMNS_TEXT}`,
      headers: {
        'X-Report-Now': {
          type: 'string',
          format: 'date-time',
          description: 'The instant the report is computed at; on every answer once a worker has planned it.',
        },
        'X-Report-Status': { type: 'string', enum: ['Complete'], description: 'On the CSV answer only.' },
      },
      content: {
        'application/json': {
          schema: { oneOf: [runningBody, failedBody, completeBody] },
          examples: {
            running: {
              summary: 'Queued or being built',
              value: { status: 'Running', progress: 0.4, now: EXAMPLE_NOW },
            },
            complete: {
              summary: 'Complete, with format=json',
              value: { status: 'Complete', now: EXAMPLE_NOW, rows: EXAMPLE_ROWS },
            },
            completeWithMaxGap: {
              summary: 'Complete, with format=json, of a report triggered with max_gap',
              value: { status: 'Complete', now: EXAMPLE_NOW, max_gap: '2h', rows: EXAMPLE_ROWS_WITH_UNKNOWN },
            },
            failed: {
              summary: 'Failed',
              value: { status: 'Failed', error: 'PostgreSQL is unavailable', now: EXAMPLE_NOW },
            },
          },
        },
        'text/csv': {
          schema: { type: 'string', description: `The report file (attachment). ${COLUMNS_TEXT}` },
          example: EXAMPLE_CSV,
        },
      },
    },
    ...errorResponses(malformedId, 401, unknownId, 500, 503),
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
  required: [
    'id',
    'status',
    'as_of',
    'now',
    'policy',
    'progress',
    'row_count',
    'error',
    'created_at',
    'started_at',
    'finished_at',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: {
      type: 'string',
      enum: [...REPORT_STATES],
      description: 'Queued, Running, Complete or Failed: get_report says Running for Queued.',
    },
    as_of: nullable('string', { format: 'date-time', description: 'As requested; null: the latest poll.' }),
    now: nowField,
    policy: { type: 'string' },
    progress: { type: 'number', description: 'From 0 to 1.' },
    row_count: nullable('integer'),
    error: nullable('string'),
    created_at: { type: 'string', format: 'date-time' },
    started_at: nullable('string', { format: 'date-time' }),
    finished_at: nullable('string', { format: 'date-time' }),
    max_gap: maxGapField,
  },
} as const;

const EXAMPLE_RECORD = {
  id: EXAMPLE_ID,
  status: 'Complete',
  as_of: null,
  now: EXAMPLE_NOW,
  policy: 'nearest',
  progress: 1,
  row_count: 4000,
  error: null,
  created_at: '2026-12-03T08:00:00.000Z',
  started_at: '2026-12-03T08:00:00.150Z',
  finished_at: '2026-12-03T08:00:04.900Z',
};

const EXAMPLE_RECORD_WITH_MAX_GAP = {
  ...EXAMPLE_RECORD,
  id: '0b5e9a1c-7d2f-4e3a-8c6b-1f2e3d4c5b6a',
  policy: 'forward',
  created_at: '2026-12-03T08:05:00.000Z',
  started_at: '2026-12-03T08:05:00.140Z',
  finished_at: '2026-12-03T08:05:05.020Z',
  max_gap: '2h',
};

const MAX_PAGE_LIMIT = 100;

export const listReportsSchema = {
  summary: 'Reports, newest first, a page at a time',
  tags: ['reports'],
  querystring: {
    type: 'object',
    properties: {
      offset: { type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0 },
      limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: 20 },
    },
  },
  response: {
    200: {
      description: 'A page of report records and how many there are in all.',
      type: 'object',
      required: ['reports', 'total', 'offset', 'limit'],
      properties: {
        reports: { type: 'array', items: reportView },
        total: { type: 'integer', description: 'How many reports there are in all.' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
      },
      examples: [{ reports: [EXAMPLE_RECORD_WITH_MAX_GAP, EXAMPLE_RECORD], total: 2, offset: 0, limit: 20 }],
    },
    ...errorResponses(
      { status: 400, description: 'offset or limit is out of range.', message: 'querystring/limit must be <= 100' },
      401,
      500,
      503,
    ),
  },
} as const;

export const getReportRecordSchema = {
  summary: "One report's record: status, inputs, the now it used, progress and times",
  tags: ['reports'],
  params: { type: 'object', required: ['id'], properties: { id: reportId } },
  response: {
    200: { ...reportView, description: "The report's record.", examples: [EXAMPLE_RECORD] },
    ...errorResponses({ ...malformedId, message: 'the id must be a report id (a uuid)' }, 401, unknownId, 500, 503),
  },
} as const;
