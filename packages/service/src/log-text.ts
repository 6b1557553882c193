/** Values made fit for a log line or a report's error column. */

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

const MAX_ERROR_LENGTH = 500;

/** An error as one line of bounded length: report errors and log fields must stay one line. */
export function oneLine(error: unknown): string {
  const text = withoutCallSite(error instanceof Error ? error.message : String(error))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 3)}...` : text;
}

/**
 * Prisma puts its call site and a code excerpt before the reason ("Invalid `x()` invocation in
 * <file> ... → 22 return this.prisma.x( Server has closed the connection."): a reader needs only
 * the reason, the lines after the excerpt's arrow.
 */
function withoutCallSite(text: string): string {
  if (!/^\s*Invalid `[^`]*` invocation/.test(text)) return text;
  const lines = text.split('\n');
  const arrow = lines.length - 1 - [...lines].reverse().findIndex((line) => /^\s*→/.test(line));
  const reason = lines
    .slice(arrow + 1)
    .join('\n')
    .trim();
  return arrow < lines.length && reason !== '' ? reason : text;
}
