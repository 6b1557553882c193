import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { writeRefusal } from '@store-monitor/jobs';
import { healthzSchema, readyzSchema } from '../schemas/health';
import { withTimeout } from '../timeout';

/** Each dependency gets this long to answer before it counts as down. */
export const PROBE_TIMEOUT_MS = 1000;

type State = 'up' | 'down';
/** A Redis that answers but takes no writes (full, a replica) runs no report: not ready either. */
type RedisState = State | 'refuses writes';

/** Written by each probe, gone a few seconds later: a write is what a full Redis refuses, not PING. */
const PROBE_KEY_TTL_MS = 5000;

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { schema: healthzSchema }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: readyzSchema }, async (request, reply) => {
    const [postgres, redis] = await Promise.all([
      probe(() => app.prisma.$queryRaw`SELECT 1`, 'PostgreSQL'),
      probeRedis(app),
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

async function probeRedis(app: FastifyInstance): Promise<RedisState> {
  // A connection that is not ready would only queue the write (or fail it): down.
  if (!app.redisReady()) return 'down';
  try {
    const write = app.redis.set(`${app.config.queuePrefix}:readyz-probe`, '1', 'PX', PROBE_KEY_TTL_MS);
    await withTimeout(write, PROBE_TIMEOUT_MS, 'Redis');
    return 'up';
  } catch (error) {
    const refusal = writeRefusal(error);
    if (refusal === undefined) return 'down';
    app.log.warn({ err: error }, refusal);
    return 'refuses writes';
  }
}
