import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { TestEnvironment } from '../../../../api/test/support/test-env';
import { cliReport, ingestGenerated } from '../../support/dataset';
import { WorkerProcess } from '../../support/worker-process';
import { trigger } from './api-client';
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
    const workerEnv = {
      DATABASE_URL: env.database.url,
      REDIS_URL: this.redis.url,
      REPORTS_DIR: env.reportsDir,
      QUEUE_PREFIX: env.prefix,
    };
    for (let i = 0; i < 2; i += 1) {
      this.workers.push(
        new WorkerProcess({ ...workerEnv, WORKER_CONCURRENCY: '1', REPORT_CHUNK_STORES: '20', ...workerSettings }),
      );
    }
    await Promise.all(this.workers.map((worker) => worker.waitForLine('worker ready')));
    this.app = await env.app({ redisUrl: this.redis.url });
  }

  /**
   * Triggers `count` reports as of `asOf` and returns once a worker has started the first one's
   * chunks, so the fault strikes mid-run; `expected` is the CSV each must end with.
   */
  async reportsUnderWay(count: number, asOf: string): Promise<{ accepted: string[]; expected: string }> {
    const expected = cliReport({ data: this.dataDir }, { policy: 'nearest', asOf });
    const accepted: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const response = await trigger(this.app, { as_of: asOf });
      if (response.statusCode !== 202) throw new Error(`trigger answered ${response.statusCode}, not 202`);
      accepted.push(response.reportId!);
    }
    await Promise.race(this.workers.map((worker) => worker.waitForLine(`chunk started report=${accepted[0]}`)));
    return { accepted, expected };
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    await this.env.tearDown();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
    await this.redis?.destroy();
  }
}
