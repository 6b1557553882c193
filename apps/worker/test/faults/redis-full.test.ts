import type { Job } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import IORedis from 'ioredis';
import { namingRedisRefusals } from '@store-monitor/jobs';
import type { WorkerProcess } from '../support/worker-process';
import { finishedReport, getReport, trigger } from './support/api-client';
import { OwnRedisStack } from './support/own-redis-stack';
import type { OwnRedis } from './support/redis-server';

/**
 * Fault: Redis at its maxmemory with noeviction refuses every write (`OOM command not allowed`)
 * while reading still works. Reports mid-run must not be called abandoned, the API must say why it
 * refuses, and once Redis has room again everything completes. Its own redis-server, never the shared one.
 */
const stack = new OwnRedisStack();
const AS_OF = '2024-04-06T12:00:00Z';
let app: FastifyInstance;
let redis: OwnRedis;
let workers: WorkerProcess[];

beforeAll(async () => {
  // Sweeps every second for reports a second old: if Redis's refusal could be taken for lost jobs, it would be.
  await stack.setUp({ STALE_SWEEP_SECONDS: '1', STALE_REPORT_SECONDS: '1' });
  ({ app, redis, workers } = stack);
}, 180_000);

afterAll(() => stack.tearDown());

describe('fault: Redis full (maxmemory, noeviction)', () => {
  it('refuses new reports naming the cause, abandons none, and completes them all once Redis has room', async () => {
    const { accepted, expected } = await stack.reportsUnderWay(6, AS_OF);
    // One byte: every write is refused from now on, reads still answer.
    await redis.configSet('maxmemory', '1');

    const refused = await app.inject({ method: 'POST', url: '/trigger_report', payload: { as_of: AS_OF } });
    expect([refused.statusCode, refused.json()]).toEqual([
      503,
      {
        error: 'Service Unavailable',
        message:
          'Redis is full (maxmemory) and refuses writes; the report was not queued. Try again once Redis has room',
      },
    ]);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.json()]).toEqual([
      503,
      { status: 'not ready', postgres: 'up', redis: 'refuses writes' },
    ]);

    // Many sweeps' worth of time: none of the reports is failed for jobs it still has.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const during = await Promise.all(accepted.map(async (id) => (await getReport(app, id)).status));
    expect(during.filter((status) => status === 'Running').length).toBeGreaterThan(0);
    expect(during.filter((status) => status === 'Failed')).toEqual([]);
    expect(workers.some((worker) => worker.count('OOM command not allowed') > 0)).toBe(true);
    for (const worker of workers) expect(worker.lines.filter((line) => line.includes('abandoned'))).toEqual([]);
    // Said once (within a minute) by each worker that met it, not at every move of every job.
    for (const worker of workers) {
      expect(worker.count('redis refuses writes; jobs wait until it takes them')).toBeLessThanOrEqual(1);
      expect(worker.lines.filter((line) => line.includes(' error source=') && line.includes('OOM'))).toEqual([]);
    }
    // A job failing because Redis refused its transaction says so, not only "EXECABORT" (the next test makes one for sure).
    const retries = workers.flatMap((worker) => worker.lines.filter((line) => line.includes('job will retry')));
    expect(retries.filter((line) => !line.includes("OOM command not allowed when used memory > 'maxmemory'."))).toEqual(
      [],
    );

    await redis.configSet('maxmemory', '0');
    for (const id of accepted)
      expect(await finishedReport(app, id, 120_000)).toEqual({ status: 'Complete', csv: expected });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
      postgres: 'up',
      redis: 'up',
    });
    const after = await trigger(app, { as_of: AS_OF });
    expect(after.statusCode).toBe(202);
    expect(await finishedReport(app, after.reportId!, 120_000)).toEqual({ status: 'Complete', csv: expected });
    expect(workers.map((worker) => worker.count('worker stopped'))).toEqual([0, 0]);
  }, 300_000);

  it('names the refused command when Redis discards a whole transaction', async () => {
    const client = new IORedis(redis.url, { maxRetriesPerRequest: 0 });
    const processor = namingRedisRefusals(async () => client.multi().set(`${stack.env.prefix}:probe`, 'x').exec());
    await redis.configSet('maxmemory', '1');
    try {
      await expect(processor({} as Job)).rejects.toThrow(
        new Error("OOM command not allowed when used memory > 'maxmemory'. (Redis discarded the whole transaction)"),
      );
    } finally {
      await redis.configSet('maxmemory', '0');
      client.disconnect();
    }
  });
});
