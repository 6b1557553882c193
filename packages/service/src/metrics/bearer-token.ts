import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/**
 * Whether an `Authorization` header carries exactly `token` as a bearer token. The two are
 * compared as digests of one length, so the time taken says nothing of the token or its length.
 */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const given = header === undefined ? undefined : BEARER.exec(header)?.[1];
  const same = timingSafeEqual(digest(given ?? ''), digest(token));
  return same && given !== undefined;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The challenge of a 401 from a metrics endpoint (RFC 6750). */
export const METRICS_CHALLENGE = 'Bearer realm="store-monitor metrics"';
