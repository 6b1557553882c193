import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** The body of every error answer (see http-error.ts); OpenAPI lists it once as a component. */
const errorSchema = {
  $id: 'ErrorBody',
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'A short label, such as "Bad Request" or "Not Found".' },
    message: { type: 'string', description: 'What went wrong, for people.' },
  },
} as const;

const errorRef = { $ref: 'ErrorBody#' } as const;

/** One documented error answer of a route: when it happens and an example body. */
export interface ErrorDoc {
  status: number;
  description: string;
  message: string;
  /** Defaults to the status's reason phrase, as HttpError does. */
  error?: string;
}

/** The errors most routes share, documented the same way everywhere. */
const COMMON_ERRORS: Record<number, Omit<ErrorDoc, 'status'>> = {
  400: {
    description: 'The request is malformed; the message names the field.',
    message: 'body/policy must be one of nearest, forward; got "latest"',
  },
  401: {
    description: 'The server has API_KEY set and the request does not carry it.',
    message: 'this endpoint needs the API key as "Authorization: Bearer <key>"',
  },
  404: { description: 'Nothing with that id.', message: 'no report with id 5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07' },
  413: {
    description: "The body is over the route's size limit.",
    message: "the request body is over this route's limit of 16384 bytes",
  },
  415: {
    description: "The body's Content-Type is not one the route takes.",
    message: 'POST /trigger_report takes application/json; got text/plain',
  },
  500: {
    description: 'An unexpected fault; its details are in the server log.',
    message: 'an unexpected error occurred; it has been logged',
  },
  503: {
    description: 'PostgreSQL or Redis cannot be reached; retry shortly.',
    message: 'PostgreSQL is unavailable; try again shortly',
  },
};

/**
 * An error response for a route's schema: an ErrorBody with a description and an example. The
 * allOf wrapper is what lets the example reach the OpenAPI document (siblings of a bare $ref are
 * dropped).
 */
function errorResponse(doc: Omit<ErrorDoc, 'status'> & { status: number }) {
  const example = { error: doc.error ?? STATUS_CODES[doc.status] ?? 'Error', message: doc.message };
  return { description: doc.description, allOf: [errorRef], examples: [example] };
}

/**
 * Error responses for a route's schema: a bare status takes the shared description and example
 * (COMMON_ERRORS), an ErrorDoc says its own. Unknown bare statuses are a programming error.
 */
export function errorResponses(...entries: Array<number | ErrorDoc>): Record<number, ReturnType<typeof errorResponse>> {
  return Object.fromEntries(
    entries.map((entry) => {
      if (typeof entry !== 'number') return [entry.status, errorResponse(entry)];
      const common = COMMON_ERRORS[entry];
      if (common === undefined)
        throw new Error(`errorResponses: no shared documentation for status ${entry}; pass an ErrorDoc`);
      return [entry, errorResponse({ status: entry, ...common })];
    }),
  );
}

export function addSharedSchemas(app: FastifyInstance): void {
  app.addSchema(errorSchema);
}
