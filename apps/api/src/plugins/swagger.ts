import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { BEARER_SCHEME } from '../auth/api-key';
import { globalPlugin } from './global-plugin';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** A route schema key: its body may be left out (Swagger would otherwise mark every body required). */
export const BODY_OPTIONAL = 'x-body-optional';

export interface SwaggerPluginOptions {
  /** Whether the server has API_KEY set: only then do the docs list the bearer scheme the padlocks name. */
  keyed: boolean;
}

const BEARER_SCHEME_DOC: { type: 'http'; scheme: string; description: string } = {
  type: 'http',
  scheme: 'bearer',
  description: 'The API key (API_KEY) as "Authorization: Bearer <key>", needed by the report and data endpoints.',
};

type Operation = { [BODY_OPTIONAL]?: boolean; requestBody?: { required?: boolean } };
type OpenApiDocument = { paths?: Record<string, Record<string, Operation>> };

/**
 * The OpenAPI document, built from the routes' own schemas, at /openapi.json, and Swagger UI at
 * /docs. Registered before the routes so that every route is seen as it is added.
 */
export const swaggerPlugin = globalPlugin<SwaggerPluginOptions>('swagger', async (app, opts) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'store-monitor API',
        description: 'Store uptime and downtime inside business hours, as CSV reports.',
        version: '0.1.0',
      },
      tags: [
        { name: 'reports', description: 'Trigger reports, follow them, download them' },
        { name: 'polls', description: 'Add store data' },
        { name: 'health', description: 'Liveness and readiness' },
      ],
      // The operations that need the key say so themselves (auth/api-key.ts marks every route in its scope).
      ...(opts.keyed ? { components: { securitySchemes: { [BEARER_SCHEME]: BEARER_SCHEME_DOC } } } : {}),
    },
    // Shared schemas appear under their $id ("ErrorBody") instead of def-0, def-1...
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    transformObject: (documents) =>
      'openapiObject' in documents
        ? (markOptionalBodies(documents.openapiObject as OpenApiDocument) as typeof documents.openapiObject)
        : documents.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
});

/** What the route schemas cannot say: which bodies are optional (BODY_OPTIONAL). */
function markOptionalBodies(document: OpenApiDocument): OpenApiDocument {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      if (operation[BODY_OPTIONAL] === true && operation.requestBody) operation.requestBody.required = false;
      delete operation[BODY_OPTIONAL];
    }
  }
  return document;
}
