import { MAX_GAP_FORMS } from '@store-monitor/csv';
import { REPORT_COLUMNS, reportColumns, type ReportColumn } from '@store-monitor/engine';
import { POLICIES, type Policy } from '@store-monitor/jobs';
import { errorResponses } from './error';
import { columnDoc, EXAMPLE_ROWS } from './report-columns';
import { AS_OF_FORMS } from './trigger-report';

// --- GET /stores/{id}/timeline and /stores/{id}/timeline.svg

export interface StoreParams {
  id: string;
}

export interface TimelineQuery {
  as_of?: string;
  policy: Policy;
  max_gap?: string;
}

const storeParams = {
  type: 'object',
  required: ['id'],
  properties: {
    id: {
      type: 'string',
      description: 'A store id, exactly as in the polls (percent-encode any "/", "?" or "#" in it).',
      examples: ['1'],
    },
  },
} as const;

const timelineQuery = {
  type: 'object',
  properties: {
    as_of: {
      type: 'string',
      description:
        `The timeline's "now", as POST /trigger_report takes it: ${AS_OF_FORMS}. Default: the latest poll of ` +
        'all stores, as a report uses. It must lie from the first poll to AS_OF_MARGIN after the latest one.',
      examples: ['2024-01-08T17:00:00Z'],
    },
    policy: {
      type: 'string',
      enum: [...POLICIES],
      default: 'nearest',
      description: 'How status is estimated between polls.',
    },
    max_gap: {
      type: 'string',
      description: `Optional: ${MAX_GAP_FORMS}. Business time no poll within it explains is unknown.`,
      examples: ['2h'],
    },
  },
} as const;

/** A report row as JSON: the seven columns, and the three unknown ones when there is a max gap. */
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

const instant = (description: string) => ({ type: 'string', format: 'date-time', description }) as const;
const localInstant = (description: string) =>
  ({ type: 'string', description: `${description}, as the store's local time with its UTC offset.` }) as const;

/** Start and end, in UTC and in the store's zone. */
const stretchProperties = {
  start: instant('Where it starts (UTC, to the microsecond).'),
  end: instant('Where it ends, exclusive.'),
  start_local: localInstant('The start'),
  end_local: localInstant('The end'),
} as const;
const STRETCH_FIELDS = ['start', 'end', 'start_local', 'end_local'] as const;

const segment = {
  type: 'object',
  required: [...STRETCH_FIELDS, 'status', 'poll_at'],
  properties: {
    ...stretchProperties,
    status: { type: 'string', enum: ['up', 'down', 'unknown'] },
    poll_at: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'The poll this status comes from; null when unknown (no poll within max_gap).',
    },
  },
} as const;

const span = {
  type: 'object',
  required: [...STRETCH_FIELDS, 'segments'],
  description: 'Business hours (merged, special days applied) inside the week before now.',
  properties: {
    ...stretchProperties,
    segments: { type: 'array', items: segment, description: 'Cover the span exactly, in order.' },
  },
} as const;

const poll = {
  type: 'object',
  required: ['at', 'at_local', 'status', 'in_business_hours', 'evidence'],
  properties: {
    at: instant('When the poll was taken.'),
    at_local: localInstant('When it was taken'),
    status: { type: 'string', enum: ['active', 'inactive'] },
    in_business_hours: { type: 'boolean' },
    evidence: {
      type: 'boolean',
      description: 'Read by the policy: every poll for forward, those in business hours for nearest.',
    },
  },
} as const;

const timelineBody = {
  type: 'object',
  required: [
    'store_id',
    'time_zone',
    'policy',
    'as_of',
    'now',
    'now_local',
    'from',
    'from_local',
    'row',
    'spans',
    'polls',
  ],
  properties: {
    store_id: { type: 'string' },
    time_zone: { type: 'string', description: 'The IANA zone the local times are in.' },
    policy: { type: 'string', enum: [...POLICIES] },
    max_gap: { type: 'string', description: 'As asked (in the form 2h, 1h30m); absent when not asked.' },
    as_of: { type: ['string', 'null'], format: 'date-time', description: 'As asked; null: the latest poll.' },
    now: instant('The end of every window.'),
    now_local: localInstant('now'),
    from: instant('The start of the week window: now - 168 hours.'),
    from_local: localInstant('from'),
    row: {
      ...reportRow,
      description: "The store's report row at this now, policy and max_gap: what the segments add up to.",
    },
    spans: { type: 'array', items: span },
    polls: {
      type: 'array',
      items: poll,
      description: 'Its polls at or before now, from the latest one before the window (or the oldest a segment names).',
    },
  },
} as const;

/**
 * The contract's worked example (report-spec.md): store 1, open Mondays 09:00-17:00 in New York,
 * active at 08:50 and inactive at 09:50 local on Monday 2024-01-08, now 17:00 UTC, policy forward.
 */
const EXAMPLE_TIMELINE = {
  store_id: '1',
  time_zone: 'America/New_York',
  policy: 'forward',
  as_of: '2024-01-08T17:00:00Z',
  now: '2024-01-08T17:00:00Z',
  now_local: '2024-01-08T12:00:00-05:00',
  from: '2024-01-01T17:00:00Z',
  from_local: '2024-01-01T12:00:00-05:00',
  row: {
    store_id: '1',
    uptime_last_hour: 0,
    uptime_last_day: 0.83,
    uptime_last_week: 5.83,
    downtime_last_hour: 60,
    downtime_last_day: 2.17,
    downtime_last_week: 2.17,
  },
  spans: [
    {
      start: '2024-01-01T17:00:00Z',
      end: '2024-01-01T22:00:00Z',
      start_local: '2024-01-01T12:00:00-05:00',
      end_local: '2024-01-01T17:00:00-05:00',
      segments: [
        {
          start: '2024-01-01T17:00:00Z',
          end: '2024-01-01T22:00:00Z',
          start_local: '2024-01-01T12:00:00-05:00',
          end_local: '2024-01-01T17:00:00-05:00',
          status: 'up',
          poll_at: '2024-01-08T13:50:00Z',
        },
      ],
    },
    {
      start: '2024-01-08T14:00:00Z',
      end: '2024-01-08T17:00:00Z',
      start_local: '2024-01-08T09:00:00-05:00',
      end_local: '2024-01-08T12:00:00-05:00',
      segments: [
        {
          start: '2024-01-08T14:00:00Z',
          end: '2024-01-08T14:50:00Z',
          start_local: '2024-01-08T09:00:00-05:00',
          end_local: '2024-01-08T09:50:00-05:00',
          status: 'up',
          poll_at: '2024-01-08T13:50:00Z',
        },
        {
          start: '2024-01-08T14:50:00Z',
          end: '2024-01-08T17:00:00Z',
          start_local: '2024-01-08T09:50:00-05:00',
          end_local: '2024-01-08T12:00:00-05:00',
          status: 'down',
          poll_at: '2024-01-08T14:50:00Z',
        },
      ],
    },
  ],
  polls: [
    {
      at: '2024-01-08T13:50:00Z',
      at_local: '2024-01-08T08:50:00-05:00',
      status: 'active',
      in_business_hours: false,
      evidence: true,
    },
    {
      at: '2024-01-08T14:50:00Z',
      at_local: '2024-01-08T09:50:00-05:00',
      status: 'inactive',
      in_business_hours: true,
      evidence: true,
    },
  ],
};

/** The query the example answers, for the tests that check the example against the route. */
export const EXAMPLE_TIMELINE_QUERY = 'as_of=2024-01-08T17:00:00Z&policy=forward';
export { EXAMPLE_TIMELINE };

const timelineErrors = errorResponses(
  {
    status: 400,
    description: 'as_of, policy or max_gap is wrong (the message names it), or as_of is outside the data.',
    message: `querystring/as_of must be an instant such as ${AS_OF_FORMS}; got "yesterday"`,
  },
  401,
  {
    status: 404,
    description: 'No store with this id has a poll at or before now.',
    message: 'no store "42" with a poll at or before now',
  },
  500,
  503,
);

const TIMELINE_TEXT =
  "Reads only this store's polls, hours, special days and zone from PostgreSQL, and computes with the report's " +
  "engine: the segments of each business span add up to the row, which is the store's row of a report with the " +
  'same now, policy and max_gap.';

export const timelineSchema = {
  summary: "One store's week explained: its business hours cut into up, down and unknown, with the poll behind each",
  description: TIMELINE_TEXT,
  tags: ['stores'],
  params: storeParams,
  querystring: timelineQuery,
  response: {
    200: { ...timelineBody, description: "The store's timeline.", examples: [EXAMPLE_TIMELINE] },
    ...timelineErrors,
  },
} as const;

const EXAMPLE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 300" role="img">' +
  '<title>Store 1, America/New_York</title>...</svg>';

export const timelineSvgSchema = {
  summary: "One store's week as a picture (SVG): a row per local day, business hours, status, polls, totals",
  description: `The same timeline as GET /stores/{id}/timeline, drawn. ${TIMELINE_TEXT}`,
  tags: ['stores'],
  params: storeParams,
  querystring: timelineQuery,
  response: {
    200: {
      description: 'An SVG image (image/svg+xml).',
      content: { 'image/svg+xml': { schema: { type: 'string' }, example: EXAMPLE_SVG } },
    },
    ...timelineErrors,
  },
} as const;

// --- GET /stores

export const MAX_STORES_LIMIT = 1000;
export const SORT_ORDERS = ['asc', 'desc'] as const;

export interface StoresQuery {
  report_id?: string;
  sort: ReportColumn;
  order: (typeof SORT_ORDERS)[number];
  limit: number;
  offset: number;
  q?: string;
}

const ALL_COLUMNS = reportColumns(true);

export const storesPageSchema = {
  summary: "A complete report's stores, a page at a time: sorted by any column, filtered by store id",
  tags: ['stores', 'reports'],
  querystring: {
    type: 'object',
    required: ['report_id'],
    properties: {
      report_id: {
        type: 'string',
        description: 'A complete report, from POST /trigger_report.',
        examples: ['5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07'],
      },
      sort: {
        type: 'string',
        enum: [...ALL_COLUMNS],
        default: 'store_id',
        description:
          'The column to sort by; the unknown_* ones only on a report triggered with max_gap. store_id sorts in ' +
          'byte order, as the CSV does; rows equal in the column follow in store_id order.',
      },
      order: { type: 'string', enum: [...SORT_ORDERS], default: 'asc' },
      limit: { type: 'integer', minimum: 1, maximum: MAX_STORES_LIMIT, default: 50 },
      offset: { type: 'integer', minimum: 0, maximum: 1_000_000_000, default: 0 },
      q: {
        type: 'string',
        maxLength: 1000,
        description: 'Keeps the stores whose id contains this text (any case).',
        examples: ['1163'],
      },
    },
  },
  response: {
    200: {
      description: 'A page of rows, and how many rows match in all.',
      type: 'object',
      required: ['report_id', 'total', 'offset', 'limit', 'columns', 'rows'],
      properties: {
        report_id: { type: 'string', format: 'uuid' },
        total: { type: 'integer', description: 'Rows that match q, over all pages.' },
        offset: { type: 'integer' },
        limit: { type: 'integer' },
        columns: {
          type: 'array',
          items: { type: 'string', enum: [...ALL_COLUMNS] },
          description: "The report's columns, in the CSV's order.",
        },
        rows: { type: 'array', items: reportRow },
      },
      examples: [
        {
          report_id: '5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07',
          total: 2,
          offset: 0,
          limit: 50,
          columns: [...REPORT_COLUMNS],
          rows: EXAMPLE_ROWS,
        },
      ],
    },
    ...errorResponses(
      {
        status: 400,
        description:
          'report_id is not a report id (error "Invalid report_id"), or sort, order, limit, offset or q is wrong ' +
          '(the message names it and what is allowed).',
        message:
          'querystring/sort unknown_last_week is not a column of this report (it has no max_gap); sort by one of ' +
          'store_id, uptime_last_hour, uptime_last_day, uptime_last_week, downtime_last_hour, downtime_last_day, ' +
          'downtime_last_week',
      },
      401,
      {
        status: 404,
        description: 'No report has this id.',
        message: 'no report with id 5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07',
      },
      {
        status: 409,
        description: 'The report is not complete: it is still queued or running, or it failed.',
        message:
          'report 5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07 is Running (40%); its rows can be paged once it is Complete',
      },
      500,
      503,
    ),
  },
} as const;
