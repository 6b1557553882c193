import type { FastifyServerOptions } from 'fastify';
import type { LogFormat, LogLevel } from './config';
import { prettyLogStream } from './log-format';

/** Where log lines go instead of standard output (tests read them). */
export interface LogStream {
  write(line: string): void;
}

/**
 * Anything that could carry a credential is censored wherever it appears in a log line. The
 * request log line (plugins/request-log.ts) carries no headers; the paths are here so a debug
 * serializer or a logged error object never leaks one.
 */
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

/**
 * pino's options: redaction always (the pretty format reads the redacted JSON), Fastify's own two
 * lines per request off (plugins/request-log.ts writes one), and pretty lines when asked for.
 */
export function loggerOptions(level: LogLevel, format: LogFormat, stream?: LogStream): FastifyServerOptions['logger'] {
  const redact = { paths: REDACTED_PATHS, censor: '[redacted]' };
  if (format === 'pretty') return { level, redact, stream: prettyLogStream(stream ?? process.stdout) };
  return { level, redact, ...(stream ? { stream } : {}) };
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
