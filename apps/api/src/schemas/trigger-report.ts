import { POLICIES, type Policy } from '@store-monitor/jobs';
import { bearerSecurity, errorResponses } from './error';

export interface TriggerReportBody {
  as_of?: string;
  policy?: Policy;
}

export const triggerReportSchema = {
  summary: 'Start building a report; poll GET /get_report with the returned id',
  tags: ['reports'],
  security: bearerSecurity,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      as_of: {
        type: 'string',
        format: 'date-time',
        description: 'The report\'s "now", an ISO 8601 instant with Z or an offset. Default: the latest poll.',
      },
      policy: { type: 'string', enum: [...POLICIES], default: 'nearest', description: 'How status is estimated between polls.' },
    },
  },
  response: {
    202: {
      type: 'object',
      required: ['report_id'],
      properties: { report_id: { type: 'string', format: 'uuid' } },
    },
    ...errorResponses(401, 400, 413, 415, 500, 503),
  },
} as const;
