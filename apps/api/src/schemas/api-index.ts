export interface ApiIndex {
  name: string;
  docs: string;
  openapi: string;
  board: string;
  reports: string;
  endpoints: Array<{ method: string; path: string; summary: string }>;
}

const link = (description: string) => ({ type: 'string', description }) as const;

export const apiIndexSchema = {
  summary: 'This index: where the docs, the board, the reports and every endpoint are',
  tags: ['health'],
  response: {
    200: {
      description:
        'Links (paths on this server) and every documented endpoint. A browser (an Accept header that prefers ' +
        "text/html) gets the web console's page here instead.",
      type: 'object',
      required: ['name', 'docs', 'openapi', 'board', 'reports', 'endpoints'],
      properties: {
        name: { type: 'string' },
        docs: link('Swagger UI: every endpoint, with examples, to try out.'),
        openapi: link('The OpenAPI document.'),
        board: link('Bull Board: the report queues (basic auth).'),
        reports: link('The reports, newest first.'),
        endpoints: {
          type: 'array',
          items: {
            type: 'object',
            required: ['method', 'path', 'summary'],
            properties: { method: { type: 'string' }, path: { type: 'string' }, summary: { type: 'string' } },
          },
        },
      },
      examples: [
        {
          name: 'store-monitor API',
          docs: '/docs',
          openapi: '/openapi.json',
          board: '/admin/queues',
          reports: '/reports',
          endpoints: [
            {
              method: 'POST',
              path: '/trigger_report',
              summary: 'Start building a report; poll GET /get_report with the returned id',
            },
          ],
        },
      ],
    },
  },
} as const;
