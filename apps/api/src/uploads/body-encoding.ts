import type { FastifyRequest } from 'fastify';
import { clip, HttpError } from '../http-error';

/** Content-Encodings an upload may come in; identity (or none) is the body as it is. */
export const ACCEPTED_ENCODINGS = ['gzip', 'deflate'] as const;
export type BodyEncoding = (typeof ACCEPTED_ENCODINGS)[number] | 'identity';

/** Charsets a body may declare: both read as UTF-8 (US-ASCII is a part of it). */
export const ACCEPTED_CHARSETS = ['utf-8', 'us-ascii'] as const;

/** The body's Content-Encoding, or a 415 naming the ones taken. */
export function bodyEncoding(request: FastifyRequest): BodyEncoding {
  const given = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (given === '' || given === 'identity') return 'identity';
  if (given === 'x-gzip') return 'gzip';
  if ((ACCEPTED_ENCODINGS as readonly string[]).includes(given)) return given as BodyEncoding;
  const route = `${request.method} ${request.routeOptions.url}`;
  throw new HttpError(
    415,
    `${route} takes Content-Encoding ${ACCEPTED_ENCODINGS.join(' or ')} (or none); got ${clip(given, 100)}`,
  );
}

/**
 * A charset other than UTF-8 is refused (415) rather than read as UTF-8, which would silently
 * change every non-ASCII store id; without a charset the body is UTF-8.
 */
export function refuseOtherCharsets(request: FastifyRequest): void {
  const charset = charsetOf(request.headers['content-type'] ?? '');
  if (charset === undefined || (ACCEPTED_CHARSETS as readonly string[]).includes(charset.toLowerCase())) return;
  const route = `${request.method} ${request.routeOptions.url}`;
  throw new HttpError(
    415,
    `${route} takes UTF-8 bodies (charset ${ACCEPTED_CHARSETS.join(' or ')}, or none); got charset ${clip(charset, 100)}`,
  );
}

/** `text/csv; charset="ISO-8859-1"` -> `ISO-8859-1`. */
function charsetOf(contentType: string): string | undefined {
  for (const parameter of contentType.split(';').slice(1)) {
    const [name, ...value] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset')
      return value
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}
