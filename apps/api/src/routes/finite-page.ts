import { HttpError } from '../http-error';

/**
 * A page's `limit` and `offset` as finite numbers, or a 400 naming the field. ajv coerces
 * "Infinity" or "1e999" to a number that passes `type: integer` and skips the bounds
 * (ajv-validator/ajv#2212): refused as ajv refuses other text, not left to fail the answer (a 500).
 */
export function refuseNonFinite(query: { limit: number; offset: number }): void {
  for (const field of ['limit', 'offset'] as const) {
    if (!Number.isFinite(query[field])) throw new HttpError(400, `querystring/${field} must be integer`);
  }
}
