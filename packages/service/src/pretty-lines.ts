import type { LogStream } from './logger';

/** pino's numeric levels; info, the usual one, is left out of pretty lines. */
const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** pino's bookkeeping fields: not worth a terminal's width. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId']);

/**
 * A stream that takes pino's JSON lines and writes each as one line for people:
 * `<ISO time> [LEVEL] <message> key=value ...`. A line that is not JSON passes unchanged.
 */
export function prettyLogStream(target: LogStream): LogStream {
  return { write: (line: string) => target.write(`${prettyLine(line)}\n`) };
}

export function prettyLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine.trimEnd();
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString() : String(entry.time);
  const level = LEVEL_NAMES[entry.level as number];
  const pairs = Object.entries(entry)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  return [time, ...(level === undefined ? [] : [level]), String(entry.msg ?? ''), ...pairs].join(' ');
}

/** Bare when it reads unambiguously, quoted otherwise; an error shows its message only. */
function formatValue(value: unknown): string {
  if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
    return JSON.stringify((value as { message: string }).message.replace(/\s+/g, ' '));
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}
