import type { FastifyPluginAsync } from 'fastify';
import { healthzSchema, readyzSchema } from '../schemas/health';
import { withTimeout } from '../timeout';

/** Each dependency gets this long to answer before it counts as down. */
export const PROBE_TIMEOUT_MS = 1000;

type State = 'up' | 'down';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: healthzSchema }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: readyzSchema }, async (request, reply) => {
    const [postgres, redis] = await Promise.all([
      probe(() => app.prisma.$queryRaw`SELECT 1`, 'PostgreSQL'),
      // A connection that is not ready would only queue the PING (or fail it): down.
      probe(() => (app.redisReady() ? app.redis.ping() : Promise.reject(new Error('not connected'))), 'Redis'),
    ]);
    const ready = postgres === 'up' && redis === 'up';
    if (!ready) request.log.warn({ postgres, redis }, 'not ready');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', postgres, redis });
  });
};

async function probe(check: () => Promise<unknown>, what: string): Promise<State> {
  try {
    await withTimeout(check(), PROBE_TIMEOUT_MS, what);
    return 'up';
  } catch {
    return 'down';
  }
}
