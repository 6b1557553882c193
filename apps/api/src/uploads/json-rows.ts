import type { UploadField, UploadKind } from './upload-kind';

/** A row of a JSON body as sent, once checked (json-row-check.ts): only the kind's field names. */
export type JsonRow = Readonly<Record<string, unknown>>;

/**
 * The row as a CSV line (with its line break). Every field is quoted (quotes doubled), so a comma,
 * quote or line break in a value stays inside its field and the reader sees exactly the values
 * sent. A missing or null field becomes an empty one, which the reader rejects like an empty CSV
 * field (its reason is then reworded: jsonReject).
 */
export function csvLineOf(kind: UploadKind, row: JsonRow): string {
  return `${kind.fields.map((field) => quote(fieldValue(row, field))).join(',')}\n`;
}

/** The CSV header of a kind's rows. */
export function csvHeaderOf(kind: UploadKind): string {
  return `${kind.fields.map((f) => f.column).join(',')}\n`;
}

/** The name the row uses for the field: the first of its names present (the check forbids two). */
export function nameIn(row: JsonRow, field: UploadField): string {
  return field.names.find((name) => row[name] !== undefined) ?? field.column;
}

/** The field's value as sent, whichever name it came under; undefined or null when missing. */
export function fieldValue(row: JsonRow, field: UploadField): unknown {
  return row[nameIn(row, field)];
}

function quote(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

export function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
