/** A value for PostgreSQL's COPY text format: backslash, tab and line breaks escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
}

function escapeChar(char: string): string {
  return char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r';
}

/** The inverse of copyText, for values read with COPY ... TO STDOUT (text format). */
export function fromCopyText(value: string): string {
  if (value.indexOf('\\') === -1) return value;
  return value.replace(/\\(.)/g, (_, char: string) => (char === 't' ? '\t' : char === 'n' ? '\n' : char === 'r' ? '\r' : char));
}
