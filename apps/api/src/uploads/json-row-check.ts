import { HttpError } from '../http-error';
import type { JsonRow } from './json-rows';
import type { UploadKind } from './upload-kind';

/**
 * Checks one row of a JSON body as the route schema did, with the same messages: an object, each
 * field under one of its names only, each a string or null as sent (or an integer where the kind
 * says so: no coercion, since a 64-bit store id sent as a JSON number has already lost digits and
 * `true` is no status), and no other fields.
 */
export function checkJsonRow(kind: UploadKind, row: unknown, index: number): JsonRow {
  const where = `body/${kind.arrayKey}/${index}`;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw bad(`${where} must be object`);
  const fields = row as Record<string, unknown>;
  for (const field of kind.fields) {
    const given = field.names.filter((name) => fields[name] !== undefined);
    if (given.length > 1) throw bad(`${where} has ${given.join(' and ')}: give one of them`);
    const value = fields[given[0]];
    if (given.length === 0 || value === null || typeof value === 'string') continue;
    if (field.integer === true && Number.isInteger(value)) continue;
    throw bad(`${where}/${given[0]} must be ${field.integer === true ? 'integer,string,null' : 'string,null'}`);
  }
  const unknown = Object.keys(fields).find((name) => !kind.fields.some((field) => field.names.includes(name)));
  if (unknown !== undefined) throw bad(`${where}/${unknown} is not a known field`);
  return fields;
}

const bad = (message: string): HttpError => new HttpError(400, message, 'Bad Request');
