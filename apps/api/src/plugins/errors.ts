import { STATUS_CODES } from 'node:http';
import type { FastifyError } from 'fastify';
import { bodyTypeMessage, HttpError, routeNotFound, type ErrorBody } from '../http-error';
import { globalPlugin } from './global-plugin';

// Connection failures of pg (through Prisma's adapter) and their Prisma codes: the database is
// down or unreachable, which is a 503 to retry, not a bug.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  'P1001',
  'P1002',
]);

/**
 * Every error answers `{ error, message }`: deliberate HttpErrors as they are, Fastify's own
 * client errors (validation 400, 413, 415, bad JSON) with their status, an unreachable
 * database as 503, and anything else as a 500 whose details stay in the log.
 */
export const errorsPlugin = globalPlugin('errors', async (app) => {
  app.setErrorHandler<FastifyError | HttpError>((error, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send(error.body);
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      // Fastify has no parser for it: the route's declared types, or else Fastify's own two.
      const accepted = request.routeOptions.config.bodyTypes ?? ['application/json', 'text/plain'];
      const route = `${request.method} ${request.routeOptions.url}`;
      return reply.code(415).send(body(415, bodyTypeMessage(route, accepted, request.headers['content-type'])));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send(body(413, `the request body is over this route's limit of ${request.routeOptions.bodyLimit} bytes`));
    }
    if (status >= 400 && status < 500) return reply.code(status).send(body(status, error.message));
    if (isUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).send(body(503, 'PostgreSQL is unavailable; try again shortly'));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(body(500, 'an unexpected error occurred; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) => reply.code(404).send(routeNotFound(request.method, request.url)));
});

function body(status: number, message: string): ErrorBody {
  return { error: STATUS_CODES[status] ?? 'Error', message };
}

function isUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  }
  return false;
}
