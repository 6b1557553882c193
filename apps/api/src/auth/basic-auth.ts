import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Credentials {
  user: string;
  password: string;
}

/** A password for when none is configured: 144 random bits, URL-safe so it pastes cleanly. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Whether an `Authorization: Basic ...` header carries exactly these credentials. */
function basicAuthMatches(header: string | undefined, expected: Credentials): boolean {
  const match = header === undefined ? null : /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (match === null) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Both compared, always: which one was wrong must not show in the timing either.
  const userOk = sameSecret(decoded.slice(0, colon), expected.user);
  const passwordOk = sameSecret(decoded.slice(colon + 1), expected.password);
  return userOk && passwordOk;
}

/**
 * Constant-time comparison. timingSafeEqual needs equal lengths, so both sides are hashed first;
 * comparing the raw strings' lengths would leak the password's length.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** An onRequest hook that lets only these credentials through; everyone else gets 401 and a challenge. */
export function requireBasicAuth(expected: Credentials, realm: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (basicAuthMatches(request.headers.authorization, expected)) return;
    await reply
      .code(401)
      .header('www-authenticate', `Basic realm="${realm}", charset="UTF-8"`)
      .send({ error: 'Unauthorized', message: `${realm} needs a user name and password` });
  };
}
