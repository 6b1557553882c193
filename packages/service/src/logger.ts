import pino, { type Logger } from 'pino';
import { prettyLogStream } from './pretty-lines';

export type { Logger };

/** What code that only writes lines needs of a logger: pino's, and Fastify's `app.log` alike. */
export type LogWriter = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** json: pino's lines, for collectors; pretty: one `<time> [LEVEL] <message> key=value` line, for people. */
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where log lines go instead of standard output (tests read them). */
export interface LogStream {
  write(line: string): void;
}

export interface LoggerSettings {
  level: LogLevel;
  format: LogFormat;
  stream?: LogStream;
}

/**
 * Anything that could carry a credential is censored wherever it appears in a log line. The
 * request log line carries no headers; the paths are here so that a debug serializer or a logged
 * error object never leaks one.
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

/** The one logger of every service process: pino, redacting always, pretty when asked. */
export function createLogger(settings: LoggerSettings): Logger {
  return pino(
    { level: settings.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination(settings),
  );
}

function destination({ format, stream }: LoggerSettings): pino.DestinationStream {
  // The pretty form reads the redacted JSON, so it can never show more than the JSON would.
  if (format === 'pretty') return prettyLogStream(stream ?? process.stdout);
  return stream ?? pino.destination({ dest: 1, sync: true });
}
