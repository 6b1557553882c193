import { STATUS_CODES } from 'node:http';
import type { FastifySchemaValidationError } from 'fastify';

/** The one error body of this API: a short label and a sentence for people. */
export interface ErrorBody {
  error: string;
  message: string;
}

/**
 * An error a route throws on purpose: the error handler answers with its status and body as they
 * are. Anything else thrown is unexpected and answers 500 without its details.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly statusCode: number,
    message: string,
    /** Defaults to the status's reason phrase ("Service Unavailable"). */
    readonly label: string = STATUS_CODES[statusCode] ?? 'Error',
  ) {
    super(message);
  }

  get body(): ErrorBody {
    return { error: this.label, message: this.message };
  }
}

/** The contract's label for a malformed report id (400); an unknown one is a plain 404 (reportNotFound). */
export const INVALID_REPORT_ID = 'Invalid report_id';

export function reportNotFound(reportId: string): HttpError {
  return new HttpError(404, `no report with id ${reportId}`);
}

/**
 * The 415 sentence, one format for every route: `POST /polls takes text/csv or application/json;
 * got text/plain`. `given` is the request's Content-Type as sent (undefined: none).
 */
export function bodyTypeMessage(route: string, accepted: readonly string[], given: string | undefined): string {
  const got = given === undefined || given.trim() === '' ? 'no Content-Type' : clip(given.trim(), 100);
  return `${route} takes ${accepted.join(' or ')}; got ${got}`;
}

/** Text from a request, cut short for a message: a header or field may be kilobytes long. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}

export function serviceUnavailable(what: string): HttpError {
  return new HttpError(503, `${what} is unavailable; try again shortly`);
}

/** The 404 body for a path no route serves (the query string is left out). */
export function routeNotFound(method: string, url: string): ErrorBody {
  return { error: 'Not Found', message: `no route for ${method} ${url.split('?')[0]}` };
}

/**
 * Fastify's message for a failed schema check, made to always name the field and, where a list
 * of values is allowed, the list and what was sent: ajv's own wording says "must NOT have
 * additional properties" without saying which one, and "must be equal to one of the allowed
 * values" without saying which. The value sent needs ajv's `verbose` option (set in app.ts).
 */
export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const first = errors[0] as FastifySchemaValidationError & { data?: unknown };
  const where = `${dataVar}${first.instancePath}`;
  const params = first.params as Record<string, unknown>;
  switch (first.keyword) {
    case 'additionalProperties':
      return new Error(`${where}/${String(params.additionalProperty)} is not a known field`);
    case 'required':
      return new Error(`${where}/${String(params.missingProperty)} is required`);
    case 'enum':
      return new Error(
        `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')}; got ${shown(first.data)}`,
      );
    default:
      return new Error(`${where} ${first.message ?? 'is invalid'}`);
  }
}

/** A sent value as JSON, cut short: it may be a long string. */
export function shown(value: unknown): string {
  return clip(JSON.stringify(value) ?? String(value), 100);
}
