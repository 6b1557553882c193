import type { Reject } from '@store-monitor/csv';
import { nameIn, fieldValue, type JsonRow } from './json-rows';
import type { UploadField, UploadKind } from './upload-kind';

/** A rejected row of a JSON body: its place in the array, why, and the row as sent. */
export interface JsonReject {
  index: number;
  reason: string;
  raw: string;
}

/**
 * The reader's reject of a JSON row, said about the row that was sent rather than the CSV made of
 * it: `polls[3]: timestamp_utc is missing` for a missing or null field (the reader only saw an
 * empty one), otherwise the reader's reason under the field name the row used; raw is the row's JSON.
 */
export function jsonReject(kind: UploadKind, index: number, raw: string, reject: Reject): JsonReject {
  const row = JSON.parse(raw) as JsonRow;
  const missing = missingFields(kind, row);
  const why =
    missing.length > 0
      ? `${listed(missing)} ${missing.length > 1 ? 'are' : 'is'} missing`
      : inRowsNames(kind, row, reject.reason);
  return { index, reason: `${kind.arrayKey}[${index}]: ${why}`, raw };
}

/**
 * The fields the row lacks or sends as null, each named by all its accepted names; a field that may
 * be empty is never missing (the reader's own reason says what is wrong with the row).
 */
function missingFields(kind: UploadKind, row: JsonRow): string[] {
  return kind.fields
    .filter((field) => field.mayBeEmpty !== true)
    .filter((field) => fieldValue(row, field) === undefined || fieldValue(row, field) === null)
    .map(fieldName);
}

/** Reasons start with the CSV column (`day: "9" is not...`); the row may have said `dayOfWeek`. */
function inRowsNames(kind: UploadKind, row: JsonRow, reason: string): string {
  const field = kind.fields.find((f) => reason.startsWith(`${f.column}:`));
  return field === undefined ? reason : `${nameIn(row, field)}${reason.slice(field.column.length)}`;
}

/** `day (or dayOfWeek)`: the CSV column, then the other names it may be sent under. */
function fieldName(field: UploadField): string {
  return field.names.length === 1
    ? field.column
    : `${field.column} (or ${field.names.filter((n) => n !== field.column).join(', ')})`;
}

function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
