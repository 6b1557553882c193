import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
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
    },
    // Shared schemas appear under their $id ("ErrorBody") instead of def-0, def-1...
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PATH });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
});
