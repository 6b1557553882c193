import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from './basic-auth';

/** The routes that need the API key when one is set (Fastify route URLs, as registered). */
export const PROTECTED_ROUTES: ReadonlySet<string> = new Set([
  '/trigger_report',
  '/polls',
  '/business_hours',
  '/timezones',
  '/get_report',
  '/reports',
  '/reports/:id',
]);

/** The OpenAPI security scheme's name (see plugins/swagger.ts and the route schemas). */
export const BEARER_SCHEME = 'bearerAuth';

const REALM = 'store-monitor';
const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/** Whether an `Authorization` header carries exactly this key as a bearer token. */
export function bearerMatches(header: string | undefined, apiKey: string): boolean {
  const match = header === undefined ? null : BEARER.exec(header);
  // Compared even when absent, so a missing header costs the same as a wrong one.
  return sameSecret(match?.[1] ?? '', apiKey) && match !== null;
}

/**
 * With a key: an onRequest hook that answers 401 (with a Bearer challenge) on the protected routes
 * unless the request carries the key. It runs before any body is read, so an unauthenticated
 * upload is refused without being parsed. Without a key: one warning that the API is open.
 */
export function protectWithApiKey(app: FastifyInstance, apiKey: string | undefined): void {
  if (apiKey === undefined) {
    app.log.warn('API_KEY is not set: the report and data-loading endpoints are open to anyone who can reach this port');
    return;
  }
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !PROTECTED_ROUTES.has(route)) return;
    const header = request.headers.authorization;
    if (bearerMatches(header, apiKey)) return;
    const given = header !== undefined && BEARER.test(header);
    await reply
      .code(401)
      .header('www-authenticate', given ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`)
      .send({
        error: 'Unauthorized',
        message: given ? 'the API key is not valid' : 'this endpoint needs the API key as "Authorization: Bearer <key>"',
      });
  });
}
