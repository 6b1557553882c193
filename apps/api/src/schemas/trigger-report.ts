import { MAX_GAP_FORMS } from '@store-monitor/csv';
import { POLICIES, type Policy } from '@store-monitor/jobs';
import { BODY_OPTIONAL } from '../plugins/swagger';
import { errorResponses } from './error';

export interface TriggerReportBody {
  as_of?: string;
  policy?: Policy;
  max_gap?: string;
  callback_url?: string;
}

/** The forms as_of takes (those of a poll's timestamp), as a refusal shows them. */
export const AS_OF_FORMS = '2024-04-07T03:00:00Z, 2024-04-07T05:00:00+02:00 or 2024-04-07 03:00:00 UTC';

export const triggerReportSchema = {
  summary: 'Start building a report; poll GET /get_report with the returned id',
  description:
    "The body is optional: without one (or with {}), the report's now is the latest poll and the policy nearest. " +
    'An as_of before the first poll, or later than AS_OF_MARGIN (default 1d) after the latest poll, is refused ' +
    'with 400. With callback_url, a worker POSTs the outcome there once the report completes or fails ' +
    '(see the field). With an Idempotency-Key header, the same key and request within 24 hours answer the ' +
    'same report_id (with Idempotent-Replayed: true) instead of queuing another report. Triggers are limited ' +
    'per client address by TRIGGER_RATE_LIMIT (default 30/min): over it, 429 with Retry-After.',
  tags: ['reports'],
  [BODY_OPTIONAL]: true,
  headers: {
    type: 'object',
    properties: {
      'idempotency-key': {
        type: 'string',
        description:
          'Optional, 1 to 255 printable ASCII characters without spaces (a uuid, say). The same key with the same ' +
          'as_of, policy, max_gap and callback_url within 24 hours returns the first report_id and queues nothing; ' +
          'with a different request it is refused with 409.',
      },
    },
  },
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      as_of: {
        type: 'string',
        description:
          `The report's "now", in a poll timestamp's form: ${AS_OF_FORMS} (0-6 fraction digits). ` +
          'Default: the latest poll. It must lie from the first poll to AS_OF_MARGIN after the latest one.',
        // From the sample data (polls up to 2024-04-07 00:29 UTC): never a live "today".
        examples: ['2024-04-07T00:00:00Z'],
      },
      policy: {
        type: 'string',
        enum: [...POLICIES],
        default: 'nearest',
        description: 'How status is estimated between polls.',
      },
      max_gap: {
        type: 'string',
        description:
          `Optional, unset by default: ${MAX_GAP_FORMS}. Business time whose status rests on a poll further ` +
          'away than this is unknown rather than up or down, and the report gains the columns unknown_last_hour, ' +
          'unknown_last_day and unknown_last_week.',
        examples: ['2h'],
      },
      callback_url: {
        type: 'string',
        maxLength: 2048,
        description:
          'Optional: an absolute http(s) URL whose host (and port, when not the default) is in the ' +
          "server's CALLBACK_ALLOWED_HOSTS; refused with 400 otherwise, or when that setting is unset. When the " +
          'report completes or fails, a worker POSTs JSON {report_id, status ("complete" or "failed"), rows (null ' +
          'when failed), url (GET /get_report for it), error (null when complete)} there, signed in the header ' +
          'X-Signature: sha256=<hex HMAC-SHA256 of the exact body, keyed with CALLBACK_SECRET>. Any answer other ' +
          'than 2xx, or none within CALLBACK_TIMEOUT, is retried with exponential backoff (CALLBACK_ATTEMPTS, ' +
          'CALLBACK_BACKOFF); redirects are not followed. The body is the same on every attempt.',
        examples: ['https://hooks.example.com/store-monitor'],
      },
    },
    examples: [
      { as_of: '2024-04-07T00:00:00Z', policy: 'nearest' },
      { policy: 'forward', max_gap: 'PT2H' },
      { policy: 'nearest', callback_url: 'https://hooks.example.com/store-monitor' },
    ],
  },
  response: {
    202: {
      description: 'The report is queued; its id is for GET /get_report and GET /reports/{id}.',
      type: 'object',
      required: ['report_id'],
      properties: { report_id: { type: 'string', format: 'uuid' } },
      examples: [{ report_id: '5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07' }],
    },
    ...errorResponses(
      {
        status: 400,
        description:
          'A field is wrong (the message names it, what was sent and what is allowed), or as_of is outside the data.',
        message: `body/as_of must be an instant such as ${AS_OF_FORMS}; got "yesterday"`,
      },
      401,
      {
        status: 409,
        description:
          'The Idempotency-Key was used within 24 hours for a different request, or its first request is still ' +
          'being answered.',
        message:
          'this Idempotency-Key was used within the last 24 hours for a different request (as_of, policy, max_gap ' +
          'or callback_url differ); use a new key for a new report',
      },
      413,
      415,
      {
        status: 429,
        description: 'Over TRIGGER_RATE_LIMIT for this client address; Retry-After says how many seconds to wait.',
        message:
          'too many requests to POST /trigger_report from this client: at most 30 per minute; retry in 42 seconds',
      },
      500,
      503,
    ),
  },
} as const;
