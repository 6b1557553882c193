import type { FastifyInstance } from 'fastify';

/** The body of every error answer (see http-error.ts); OpenAPI lists it once as a component. */
export const errorSchema = {
  $id: 'ErrorBody',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'A short label, such as "Invalid report_id" or "Not Found".' },
    message: { type: 'string', description: 'What went wrong, for people.' },
  },
} as const;

export const errorRef = { $ref: 'ErrorBody#' } as const;

/** Error responses for a route's schema: each listed status answers an ErrorBody. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorRef> {
  return Object.fromEntries(statuses.map((status) => [status, errorRef]));
}

export function addSharedSchemas(app: FastifyInstance): void {
  app.addSchema(errorSchema);
}

/** A route that needs the API key (when one is set): OpenAPI's security requirement for it. */
export const bearerSecurity = [{ bearerAuth: [] as string[] }];
