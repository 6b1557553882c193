import type { FastifyRequest } from 'fastify';
import { HttpError } from '../http-error';
import type { UploadKind } from './upload-kind';

/**
 * The schema check coerces types (Fastify's default, which the query strings need): a number would
 * become its text. For uploaded rows that is wrong: a 64-bit store id sent as a JSON number has
 * already lost digits in JSON.parse, and `true` is no status. So every field must be a string or
 * null as sent (or an integer where the kind says so), and a field may come under one of its names
 * only; anything else is a 400 naming it, before the schema runs.
 */
export function refuseNonTextFields(kind: UploadKind): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    const rows = (request.body as Record<string, unknown> | null | undefined)?.[kind.arrayKey];
    if (typeof request.body !== 'object' || !Array.isArray(rows)) return;
    rows.forEach((row: unknown, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) return; // the schema says it
      const where = `body/${kind.arrayKey}/${i}`;
      for (const field of kind.fields) {
        const given = field.names.filter((name) => (row as Record<string, unknown>)[name] !== undefined);
        if (given.length > 1) throw new HttpError(400, `${where} has ${given.join(' and ')}: give one of them`, 'Bad Request');
        const value = (row as Record<string, unknown>)[given[0]];
        if (given.length === 0 || value === null || typeof value === 'string') continue;
        if (field.integer === true && Number.isInteger(value)) continue;
        throw new HttpError(400, `${where}/${given[0]} must be ${field.integer === true ? 'integer,string,null' : 'string,null'}`, 'Bad Request');
      }
    });
  };
}
