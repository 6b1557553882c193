import type { Database, PrismaClient, ReportRecords } from '@store-monitor/db';
import type { RedisClient, ReportQueues } from '@store-monitor/jobs';
import type { ReportStore } from '@store-monitor/service';
import type { Config } from './config';
import type { ApiMetrics } from './plugins/metrics';

// What the plugins decorate the app with, for the routes (and tests) to use.
declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    prisma: PrismaClient;
    reports: ReportRecords;
    redis: RedisClient;
    /** The report queues as jobs opens them: `reports` takes the plan jobs, the board shows both. */
    queues: ReportQueues;
    /** Where complete reports are read from (REPORTS_DIR). */
    store: ReportStore;
    /** True while the Redis connection can take commands; when false, answer 503 at once. */
    redisReady(): boolean;
    /** The API's own Prometheus registry and what routes record into it (plugins/metrics.ts). */
    metrics: ApiMetrics;
  }

  interface FastifyContextConfig {
    /**
     * The body media types a route takes (`['application/json']`): any other Content-Type is
     * refused with 415 naming these (plugins/body-types.ts), before the body is read.
     */
    bodyTypes?: readonly string[];
  }
}
