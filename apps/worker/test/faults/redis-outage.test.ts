import type { FastifyInstance } from 'fastify';
import type { WorkerProcess } from '../support/worker-process';
import { finishedReport, getReport, trigger } from './support/api-client';
import { OwnRedisStack } from './support/own-redis-stack';
import type { OwnRedis } from './support/redis-server';

/**
 * Fault: Redis goes away mid-run and comes back (SIGTERM, so it writes its append-only file, then
 * started again on the same port and directory). The test runs its own redis-server, never the
 * shared one. While Redis is down the API refuses new reports at once (503); the reports it had
 * accepted complete once Redis is back, on the same worker processes, never restarted.
 */
const stack = new OwnRedisStack();
const AS_OF = '2024-04-06T12:00:00Z';
let app: FastifyInstance;
let redis: OwnRedis;
let workers: WorkerProcess[];

beforeAll(async () => {
  await stack.setUp();
  ({ app, redis, workers } = stack);
}, 180_000);

afterAll(() => stack.tearDown());

describe('fault: Redis outage', () => {
  it('refuses new reports at once while down, and completes the accepted ones once back', async () => {
    const { accepted, expected } = await stack.reportsUnderWay(6, AS_OF);
    await redis.stop();
    // Some accepted reports are still unfinished (else the outage proves nothing); none failed for want of Redis.
    const during = await Promise.all(accepted.map(async (id) => (await getReport(app, id)).status));
    expect(during.filter((status) => status === 'Running').length).toBeGreaterThan(0);
    expect(during.filter((status) => status === 'Failed')).toEqual([]);

    for (let i = 0; i < 3; i += 1) {
      const refused = await trigger(app, { as_of: AS_OF });
      expect(refused.statusCode).toBe(503);
      expect(refused.ms).toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }

    await redis.restart();
    for (const id of accepted)
      expect(await finishedReport(app, id, 120_000)).toEqual({ status: 'Complete', csv: expected });
    // The same processes work on, without a restart: a report triggered now completes too.
    const after = await trigger(app, { as_of: AS_OF });
    expect(after.statusCode).toBe(202);
    expect(await finishedReport(app, after.reportId!, 120_000)).toEqual({ status: 'Complete', csv: expected });
    // The refused requests left no report behind.
    expect((await app.inject({ method: 'GET', url: '/reports?limit=100' })).json().total).toBe(accepted.length + 1);
    expect(workers.map((worker) => worker.count('worker ready'))).toEqual([1, 1]);
    expect(workers.map((worker) => worker.count('worker stopped'))).toEqual([0, 0]);
    // Each worker said once that Redis was gone and once that it was back, not at every retry.
    expect(workers.map((worker) => worker.count('redis unreachable'))).toEqual([1, 1]);
    expect(workers.map((worker) => worker.count('redis reachable again'))).toEqual([1, 1]);
  }, 300_000);
});
