import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database, PrismaClient, ReportRecords } from '@store-monitor/db';
import type { Config } from './config';

// What the plugins decorate the app with, for the routes (and tests) to use.
declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    prisma: PrismaClient;
    reports: ReportRecords;
    redis: Redis;
    reportQueue: Queue;
    chunkQueue: Queue;
    /** True while the Redis connection can take commands; when false, answer 503 at once. */
    redisReady(): boolean;
  }

  interface FastifyContextConfig {
    /**
     * The body media types a route takes (`['application/json']`): any other Content-Type is
     * refused with 415 naming these (plugins/body-types.ts), before the body is read.
     */
    bodyTypes?: readonly string[];
  }
}
