import { errorResponses } from '../schemas/error';
import type { UploadField, UploadKind } from './upload-kind';

/** Rejects listed in an answer; all of them are counted. */
export const MAX_REJECTS_SHOWN = 100;

const reject = {
  type: 'object',
  required: ['reason', 'raw'],
  properties: {
    line: { type: 'integer', description: 'CSV bodies: the line the row starts on (the header is line 1).' },
    index: { type: 'integer', description: "JSON bodies: the row's position in the array, from 0." },
    reason: {
      type: 'string',
      description: "The field and what is wrong with it; for JSON, after the row's place, like polls[3].",
    },
    raw: { type: 'string', description: 'The row as sent: its CSV text, or its JSON.' },
  },
} as const;

/** String or null; a weekday may also be an integer. */
function fieldType(field: UploadField) {
  return { type: field.integer === true ? ['integer', 'string', 'null'] : ['string', 'null'] };
}

/** The JSON body: `{ "<arrayKey>": [ { field: value, ... } ] }`, every field optional (a missing one is a reject). */
function jsonBody(kind: UploadKind, example: Record<string, unknown>) {
  const properties: Record<string, object> = {};
  for (const field of kind.fields) {
    const description =
      field.names.length > 1
        ? `${field.description} Also accepted as ${field.names.slice(1).join(', ')}.`
        : field.description;
    for (const [i, name] of field.names.entries()) {
      properties[name] = {
        ...fieldType(field),
        description: i === 0 ? description : `Another name for ${field.column}.`,
      };
    }
  }
  return {
    type: 'object',
    required: [kind.arrayKey],
    additionalProperties: false,
    properties: {
      [kind.arrayKey]: { type: 'array', items: { type: 'object', additionalProperties: false, properties } },
    },
    examples: [example],
  };
}

/** What an upload answers: its counts and the first rejects. */
function counts(kind: UploadKind, examples: readonly object[]) {
  return {
    description: `The body was loaded as \`store-monitor ingest\` loads a ${kind.readerKind} file, in one transaction; good rows are kept, bad ones counted and listed.`,
    type: 'object',
    required: ['read', 'inserted', 'updated', 'duplicates', 'rejected', 'rejects'],
    properties: {
      read: { type: 'integer', description: 'Data rows seen, used or rejected.' },
      inserted: { type: 'integer', description: 'Rows new to the database.' },
      updated: { type: 'integer', description: 'Rows already stored with another value, now changed.' },
      duplicates: { type: 'integer', description: 'Rows already stored as they are.' },
      rejected: { type: 'integer', description: 'Rows that could not be used (all of them counted).' },
      rejects: {
        type: 'array',
        maxItems: MAX_REJECTS_SHOWN,
        items: reject,
        description: `The first ${MAX_REJECTS_SHOWN} rejected rows.`,
      },
    },
    examples,
  };
}

export interface UploadExamples {
  summary: string;
  description: string;
  /** Two rows, the second bad, like the kind's exampleCsv. */
  json: Record<string, unknown>;
  /** The reject of the second row: in the answer to exampleCsv, and in the answer to `json`. */
  csvReject: object;
  jsonReject: object;
}

/** The answer to an example body: two rows, one loaded and one rejected. */
function exampleAnswer(reject: object) {
  return { read: 2, inserted: 1, updated: 0, duplicates: 0, rejected: 1, rejects: [reject] };
}

/** The route schema of an upload: a CSV or JSON body, its counts, and the errors it may answer. */
export function uploadSchema(kind: UploadKind, examples: UploadExamples) {
  return {
    summary: examples.summary,
    description: examples.description,
    tags: ['polls'],
    body: {
      content: {
        'text/csv': {
          schema: {
            type: 'string',
            description: `A ${kind.readerKind} CSV file, header first.`,
            examples: [kind.exampleCsv],
          },
        },
        'application/json': { schema: jsonBody(kind, examples.json) },
      },
    },
    response: {
      200: counts(kind, [exampleAnswer(examples.csvReject), exampleAnswer(examples.jsonReject)]),
      ...errorResponses(
        {
          status: 400,
          description:
            'The CSV has no header or lacks a column, or the JSON is not of the documented shape; the message says which.',
          message: `the ${kind.readerKind} CSV: missing column "store_id" (header has: "id", ${kind.fields
            .slice(1)
            .map((f) => JSON.stringify(f.column))
            .join(', ')})`,
        },
        401,
        {
          status: 413,
          description: 'The body is over BODY_LIMIT_BYTES, as sent or once decompressed; send the file in parts.',
          message: "the request body is over this route's limit of 52428800 bytes",
        },
        {
          status: 415,
          description:
            'The Content-Type is neither text/csv nor application/json, its charset is not UTF-8 (or US-ASCII), or the Content-Encoding is not gzip, deflate or none.',
          message: `POST ${kind.route} takes text/csv or application/json; got text/plain`,
        },
        500,
        {
          status: 503,
          description:
            'UPLOAD_CONCURRENCY uploads are already loading (Retry-After says when to try again), or PostgreSQL is unavailable.',
          message: `the API is already loading 2 uploads, its limit (UPLOAD_CONCURRENCY=2); try again in 5 seconds`,
        },
        {
          status: 507,
          description:
            'The body could not be spooled to the temporary folder (UPLOAD_TEMP_DIR): the disk is full, or the file too large for the process; nothing was loaded.',
          message:
            'the upload could not be stored in /tmp to be loaded: the disk is full (ENOSPC); nothing of it was loaded',
        },
      ),
    },
  } as const;
}
