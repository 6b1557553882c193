import type { UploadField, UploadKind } from './upload-kind';

/** A row of a JSON body as sent: the schema allows only the kind's field names. */
export type JsonRow = Readonly<Record<string, unknown>>;

/** A JSON body as the equivalent CSV, and the line each row starts on (to find a reject's row). */
export interface JsonRowsCsv {
  text: string;
  firstLines: number[];
}

/**
 * Every field is quoted (quotes doubled), so a comma, quote or line break in a value stays inside
 * its field and the reader sees exactly the values sent. A missing or null field becomes an empty
 * one, which the reader rejects like an empty CSV field (its reason is then reworded: jsonReject).
 */
export function jsonRowsToCsv(kind: UploadKind, rows: readonly JsonRow[]): JsonRowsCsv {
  const lines = [kind.fields.map((f) => f.column).join(',')];
  const firstLines: number[] = [];
  let line = 2;
  for (const row of rows) {
    const text = kind.fields.map((field) => quote(valueOf(row, field))).join(',');
    firstLines.push(line);
    lines.push(text);
    // A quoted line break makes the row span several lines, and shifts every later row.
    line += 1 + countLineBreaks(text);
  }
  return { text: `${lines.join('\n')}\n`, firstLines };
}

/** The row (0-based) whose CSV text starts at or before `line`; firstLines is ascending. */
export function rowIndexOfLine(firstLines: readonly number[], line: number): number {
  let low = 0;
  let high = firstLines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (firstLines[mid] <= line) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The name the row uses for the field: the first of its names present (the schema forbids two). */
export function nameIn(row: JsonRow, field: UploadField): string {
  return field.names.find((name) => row[name] !== undefined) ?? field.column;
}

/** The field's value as sent, whichever name it came under; undefined or null when missing. */
export function valueOf(row: JsonRow, field: UploadField): unknown {
  return row[nameIn(row, field)];
}

function quote(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
