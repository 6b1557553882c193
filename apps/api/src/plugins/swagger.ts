import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { BEARER_SCHEME } from '../auth/api-key';
import { globalPlugin } from './global-plugin';

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/**
 * The OpenAPI document, built from the routes' own schemas, at /openapi.json, and Swagger UI at
 * /docs. Registered before the routes so that every route is seen as it is added.
 */
export const swaggerPlugin = globalPlugin('swagger', async (app) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'store-monitor API',
        description: 'Store uptime and downtime inside business hours, as CSV reports.',
        version: '0.1.0',
      },
      tags: [
        { name: 'reports', description: 'Trigger reports, follow them, download them' },
        { name: 'polls', description: 'Add store polls' },
        { name: 'health', description: 'Liveness and readiness' },
      ],
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: 'The API key (API_KEY) as "Authorization: Bearer <key>". Needed by the report and polls endpoints when the server has API_KEY set; without it they are open.',
          },
        },
      },
    },
    // Shared schemas appear under their $id ("ErrorBody") instead of def-0, def-1...
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
});
