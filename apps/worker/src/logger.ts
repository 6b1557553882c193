export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** `<time> <event> key=value ...`: one line per event, easy to grep by report id. */
export function formatLogLine(event: string, fields: LogFields = {}): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  return [new Date().toISOString(), event, ...pairs].join(' ');
}

function formatValue(value: string | number | boolean | undefined): string {
  const text = String(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

export const consoleLogger: Logger = {
  info: (event, fields) => process.stdout.write(`${formatLogLine(event, fields)}\n`),
  error: (event, fields) => process.stderr.write(`${formatLogLine(event, fields)}\n`),
};
