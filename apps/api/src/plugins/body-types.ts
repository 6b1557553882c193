import type { FastifyRequest } from 'fastify';
import { bodyTypeMessage, HttpError } from '../http-error';
import { globalPlugin } from './global-plugin';

/**
 * A route's `config.bodyTypes` is the whole list of body types it takes: any other Content-Type is
 * refused with 415 before the body is read, even one Fastify has a parser for (text/plain), so a
 * wrong type always gets the same answer instead of a 400 about the body's shape. A request
 * without Content-Type is left to the parser (an empty body may mean "all defaults").
 */
export const bodyTypesPlugin = globalPlugin('body-types', async (app) => {
  // preParsing: after the onRequest hooks, so an unauthenticated request still gets its 401.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const refusal = bodyTypeRefusal(request);
    if (refusal !== undefined) throw refusal;
    return payload;
  });
});

/** The 415 for this request, or undefined when its Content-Type is absent or accepted. */
function bodyTypeRefusal(request: FastifyRequest): HttpError | undefined {
  const accepted = request.routeOptions.config.bodyTypes;
  const given = request.headers['content-type'];
  if (accepted === undefined || given === undefined) return undefined;
  if (accepted.includes(mediaType(given))) return undefined;
  return new HttpError(415, bodyTypeMessage(`${request.method} ${request.routeOptions.url}`, accepted, given));
}

/** `Application/JSON; charset=utf-8` -> `application/json`. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}
