import type { FastifySchemaValidationError } from 'fastify';

/**
 * Fastify's message for a failed schema check, made to always name the field: ajv's own
 * wording says "must NOT have additional properties" without saying which one.
 */
export function formatSchemaErrors(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const first = errors[0];
  const where = `${dataVar}${first.instancePath}`;
  const params = first.params as Record<string, unknown>;
  switch (first.keyword) {
    case 'additionalProperties':
      return new Error(`${where}/${String(params.additionalProperty)} is not a known field`);
    case 'required':
      return new Error(`${where}/${String(params.missingProperty)} is required`);
    default:
      return new Error(`${where} ${first.message ?? 'is invalid'}`);
  }
}
