import { STATUS_CODES } from 'node:http';

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

/** The contract's answer for a report id that is malformed (400) or unknown (404). */
export const INVALID_REPORT_ID = 'Invalid report_id';

export function serviceUnavailable(what: string): HttpError {
  return new HttpError(503, `${what} is unavailable; try again shortly`);
}

/** The 404 body for a path no route serves (the query string is left out). */
export function routeNotFound(method: string, url: string): ErrorBody {
  return { error: 'Not Found', message: `no route for ${method} ${url.split('?')[0]}` };
}
