import type { FastifyPluginAsync } from 'fastify';
import { BOARD_PATH } from '../plugins/board';
import { globalPlugin } from '../plugins/global-plugin';
import { DOCS_PATH, OPENAPI_PATH } from '../plugins/swagger';
import { apiIndexSchema, type ApiIndex } from '../schemas/api-index';

type Endpoint = ApiIndex['endpoints'][number];

/**
 * GET /: a JSON index for someone who found the port, linking the docs, the board and the
 * reports, and listing every documented endpoint. Registered before the other routes: it sees
 * each one as it is added, so the list never falls behind them.
 */
export const apiIndexRoutes = globalPlugin('api-index', async (app) => {
  const endpoints: Endpoint[] = [];
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { summary?: string; hide?: boolean } | undefined;
    if (schema?.summary === undefined || schema.hide === true || route.method === 'HEAD') return;
    for (const method of [route.method].flat()) endpoints.push({ method, path: route.url, summary: schema.summary });
  });

  const index = (): ApiIndex => ({
    name: 'store-monitor API',
    docs: DOCS_PATH,
    openapi: OPENAPI_PATH,
    board: BOARD_PATH,
    reports: '/reports',
    endpoints,
  });
  app.get('/', { schema: apiIndexSchema }, async () => index());
}) as FastifyPluginAsync;
