import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { TestEnvironment } from '../../../../api/test/support/test-env';
import { ingestGenerated } from '../../support/dataset';
import { WorkerProcess } from '../../support/worker-process';
import { OwnRedis } from './redis-server';

/**
 * The services on a redis-server of the test's own: generated data (300 stores, 8 days), two
 * worker processes taking one small chunk at a time (so reports are mid-run when the test strikes),
 * and an in-process API.
 */
export class OwnRedisStack {
  readonly env = new TestEnvironment();
  readonly workers: WorkerProcess[] = [];
  redis!: OwnRedis;
  app!: FastifyInstance;
  dataDir!: string;

  async setUp(workerSettings: Record<string, string> = {}): Promise<void> {
    const env = this.env;
    await env.setUp();
    this.dataDir = await ingestGenerated(env.database.url, `${env.reportsDir}-data`, { stores: 300, days: 8, seed: 7 });
    this.redis = await OwnRedis.start();
    const workerEnv = { DATABASE_URL: env.database.url, REDIS_URL: this.redis.url, REPORTS_DIR: env.reportsDir, QUEUE_PREFIX: env.prefix };
    for (let i = 0; i < 2; i += 1) {
      this.workers.push(new WorkerProcess({ ...workerEnv, WORKER_CONCURRENCY: '1', REPORT_CHUNK_STORES: '20', ...workerSettings }));
    }
    await Promise.all(this.workers.map((worker) => worker.waitForLine('worker ready')));
    this.app = await env.app({ redisUrl: this.redis.url });
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    await this.env.tearDown();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
    await this.redis?.destroy();
  }
}
