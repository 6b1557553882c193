import type { FastifySchemaValidationError } from 'fastify';
import { clip } from './http-error';

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
      return new Error(`${where} must be one of ${(params.allowedValues as unknown[]).join(', ')}; got ${shown(first.data)}`);
    default:
      return new Error(`${where} ${first.message ?? 'is invalid'}`);
  }
}

/** A sent value as JSON, cut short: it may be a long string. */
export function shown(value: unknown): string {
  return clip(JSON.stringify(value) ?? String(value), 100);
}
