import { bearerSecurity, errorResponses } from './error';

/** A poll as JSON; fields are checked row by row like CSV fields, so a bad one is a reject, not a 400. */
export interface PollInput {
  store_id?: string | null;
  status?: string | null;
  timestamp_utc?: string | null;
}

export interface PollsJsonBody {
  polls: PollInput[];
}

const field = (description: string) => ({ type: ['string', 'null'], description }) as const;

const pollsJson = {
  type: 'object',
  required: ['polls'],
  additionalProperties: false,
  properties: {
    polls: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          store_id: field('The store, an opaque string.'),
          status: field('active or inactive, any case.'),
          timestamp_utc: field('Like 2023-01-22 12:09:39.388884 UTC, or ISO 8601 with Z or an offset.'),
        },
      },
    },
  },
} as const;

const reject = {
  type: 'object',
  required: ['line', 'reason', 'raw'],
  properties: {
    line: { type: 'integer', description: 'Line of the CSV (header is line 1); for JSON, of the equivalent CSV.' },
    index: { type: 'integer', description: 'JSON bodies only: the poll\'s position in the polls array, from 0.' },
    reason: { type: 'string' },
    raw: { type: 'string' },
  },
} as const;

export const MAX_REJECTS_SHOWN = 100;

export const postPollsSchema = {
  summary: 'Add polls (CSV with store_id,status,timestamp_utc, or JSON); repeating a body adds nothing',
  tags: ['polls'],
  security: bearerSecurity,
  body: {
    content: {
      'text/csv': { schema: { type: 'string', description: 'A polls CSV file, header first.' } },
      'application/json': { schema: pollsJson },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['read', 'inserted', 'updated', 'duplicates', 'rejected', 'rejects'],
      properties: {
        read: { type: 'integer', description: 'Data rows seen, used or rejected.' },
        inserted: { type: 'integer' },
        updated: { type: 'integer', description: 'Polls already stored with the other status.' },
        duplicates: { type: 'integer', description: 'Polls already stored as they are.' },
        rejected: { type: 'integer' },
        rejects: { type: 'array', maxItems: MAX_REJECTS_SHOWN, items: reject, description: `The first ${MAX_REJECTS_SHOWN} rejected rows.` },
      },
    },
    ...errorResponses(401, 400, 413, 415, 500, 503),
  },
} as const;
