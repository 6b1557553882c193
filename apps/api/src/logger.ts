import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from './config';

/**
 * Anything that could carry a credential is censored wherever it appears in a log line. Fastify's
 * request serializer does not log headers today; the paths are here so a debug serializer or a
 * logged error object never leaks one.
 */
/** Where log lines go instead of standard output (tests read them). */
export interface LogStream {
  write(line: string): void;
}

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'databaseUrl',
  'redisUrl',
  '*.databaseUrl',
  '*.redisUrl',
];

export function loggerOptions(level: LogLevel, stream?: LogStream): FastifyServerOptions['logger'] {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, ...(stream ? { stream } : {}) };
}

/** A URL fit for a log line: its password (if any) replaced. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '[unparsable URL]';
  }
}
