/** A value for PostgreSQL's COPY text format: backslash, tab and line breaks escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
}

function escapeChar(char: string): string {
  return char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r';
}
