import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sameSecret } from './basic-auth';

/** The OpenAPI security scheme's name (see plugins/swagger.ts). */
export const BEARER_SCHEME = 'bearerAuth';

const REALM = 'store-monitor';
const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;
const MISSING_KEY = {
  challenge: `Bearer realm="${REALM}"`,
  message: 'this endpoint needs the API key as "Authorization: Bearer <key>"',
};
const INVALID_KEY = {
  challenge: `Bearer realm="${REALM}", error="invalid_token"`,
  message: 'the API key is not valid',
};

/**
 * With a key: every route of `scope` (an encapsulated plugin, and the plugins it registers) needs
 * it, and says so in its OpenAPI operation; routes outside the scope are untouched. Without a key:
 * one warning that the API is open. Called before the scope registers its routes, so that both
 * hooks cover them.
 */
export function requireApiKey(scope: FastifyInstance, apiKey: string | undefined): void {
  if (apiKey === undefined) {
    scope.log.warn(
      'API_KEY is not set: the report and data-loading endpoints are open to anyone who can reach this port',
    );
    return;
  }
  // The padlock comes from the scope the route is in, the same one the hook below guards.
  scope.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, security: [{ [BEARER_SCHEME]: [] }] } as typeof route.schema;
  });
  // onRequest: before any body is read, so an unauthenticated upload is refused without being parsed.
  scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (bearerMatches(header, apiKey)) return;
    // A bearer token that is not the key gets RFC 6750's invalid_token; anything else, the bare challenge.
    const given = header !== undefined && BEARER.test(header);
    const answer = given ? INVALID_KEY : MISSING_KEY;
    await reply
      .code(401)
      .header('www-authenticate', answer.challenge)
      .send({ error: 'Unauthorized', message: answer.message });
  });
}

/** Whether an `Authorization` header carries exactly this key as a bearer token. */
function bearerMatches(header: string | undefined, apiKey: string): boolean {
  const match = header === undefined ? null : BEARER.exec(header);
  // Compared even when absent, so a missing header costs the same as a wrong one.
  return sameSecret(match?.[1] ?? '', apiKey) && match !== null;
}
