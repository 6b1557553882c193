import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, ReportRecords, withDatabase } from '@store-monitor/db';
import {
  listenPort,
  RedisClusterServers,
  RedisSentinelServers,
  testDatabaseUrl,
  uniquePrefix,
  waitFor,
} from '@store-monitor/test-support';
import { ApiProcess } from './faults/support/api-process';
import { CallbackReceiver } from './support/callback-receiver';
import { cliReport, ingestGenerated, type ReportArgs } from './support/dataset';
import { WorkerProcess } from './support/worker-process';

/**
 * A report through the real API and worker processes on a real Redis Cluster (three masters
 * started here) and on a master found through a Sentinel: the worker's CSV must be the bytes
 * `store-monitor report` writes for the same data. The chunks are small, so a report is a flow of
 * several chunk jobs across two queues (the flow a plain prefix breaks on a cluster). The
 * Idempotency-Key, the trigger rate limit, /readyz, the stale-report sweep, report callbacks and
 * Bull Board use the same Redis, and are checked on the cluster too.
 */
const NEAREST: ReportArgs = { policy: 'nearest', asOf: '2024-04-05T10:00:00.000Z' };
const FORWARD: ReportArgs = { policy: 'forward', asOf: '2024-04-05T10:00:00.000Z' };
const STORES = 120;
const CHUNK_STORES = 20;

/** Everything but Redis, shared by both stacks: one database with generated data, a reports folder. */
const workDir = mkdtempSync(join(tmpdir(), 'store-monitor-cluster-'));
const database = testDatabaseUrl();
let dataDir: string;
const expected: Record<string, string> = {};

beforeAll(async () => {
  await migrateDatabase(database.url);
  dataDir = await ingestGenerated(database.url, join(workDir, 'data'), { stores: STORES, days: 8, seed: 23 });
  expected.nearest = cliReport({ data: dataDir }, NEAREST);
  expected.forward = cliReport({ data: dataDir }, FORWARD);
}, 120_000);

afterAll(async () => {
  await database.drop();
  rmSync(workDir, { recursive: true, force: true });
});

/** An API and a worker process with `redisEnv` (and what else they are given), stopped by stop(). */
class Stack {
  readonly api: ApiProcess;
  readonly worker: WorkerProcess;

  constructor(
    redisEnv: Record<string, string>,
    apiEnv: Record<string, string> = {},
    workerEnv: Record<string, string> = {},
  ) {
    const env = {
      DATABASE_URL: database.url,
      REPORTS_DIR: join(workDir, 'reports'),
      // The machine's own REDIS_URL, if any, would clash with a cluster's or the Sentinels' settings.
      REDIS_URL: '',
      ...redisEnv,
    };
    this.worker = new WorkerProcess({
      ...env,
      REPORT_CHUNK_STORES: String(CHUNK_STORES),
      WORKER_CONCURRENCY: '2',
      // Every second, every report older than a second is judged from its jobs in Redis.
      STALE_SWEEP_SECONDS: '1',
      STALE_REPORT_SECONDS: '1',
      ...workerEnv,
    });
    this.api = new ApiProcess(listenPort(), { ...env, ...apiEnv });
  }

  async ready(): Promise<void> {
    await Promise.all([this.api.ready(), this.worker.waitForLine('worker ready')]);
  }

  async trigger(args: ReportArgs, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.api.url}/trigger_report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ as_of: args.asOf, policy: args.policy }),
    });
  }

  /** The report's CSV once it is complete; its error if it failed. */
  async csvOf(reportId: string): Promise<string> {
    return waitFor(`report ${reportId} to finish`, 60_000, async () => {
      const response = await fetch(`${this.api.url}/get_report?report_id=${reportId}`);
      const body = await response.text();
      if (response.headers.get('x-report-status') === 'Complete') return body;
      if (JSON.parse(body).status === 'Failed') throw new Error(`report ${reportId} failed: ${body}`);
      return undefined;
    });
  }

  async stop(): Promise<void> {
    await Promise.all([this.api.stop(), this.worker.stop()]);
  }
}

describe('on a Redis Cluster of three masters that ask for a password', () => {
  const password = 'cluster-e2e-password';
  let servers: RedisClusterServers;
  let stack: Stack | undefined;
  const receiver = new CallbackReceiver();
  const tag = uniquePrefix('sm-cluster');
  const prefix = `{${tag}}`;

  beforeAll(async () => {
    servers = await RedisClusterServers.start(3, password);
    const redisEnv = {
      REDIS_CLUSTER_NODES: servers.addresses.join(','),
      REDIS_PASSWORD: password,
      QUEUE_PREFIX: prefix,
    };
    await receiver.start();
    const callbacks = {
      CALLBACK_ALLOWED_HOSTS: `127.0.0.1:${receiver.port}`,
      CALLBACK_SECRET: 'cluster-callback-secret',
    };
    stack = new Stack(redisEnv, { TRIGGER_RATE_LIMIT: '3/hour' }, callbacks);
    await stack.ready();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await servers?.stop();
    await receiver.stop();
  });

  it('makes the CSV `store-monitor report` makes, from a flow of several chunks', async () => {
    const first = await stack!.trigger(NEAREST, { 'idempotency-key': 'cluster-report-1' });
    expect(first.status).toBe(202);
    const { report_id: reportId } = (await first.json()) as { report_id: string };
    // The same key again: the same report, from the key kept on the cluster.
    const again = await stack!.trigger(NEAREST, { 'idempotency-key': 'cluster-report-1' });
    expect([again.status, again.headers.get('idempotent-replayed'), await again.json()]).toEqual([
      202,
      'true',
      { report_id: reportId },
    ]);
    expect(await stack!.csvOf(reportId)).toBe(expected.nearest);
    const chunks = stack!.worker.lines.filter((line) => line.includes(`chunk started report=${reportId}`));
    expect(chunks).toHaveLength(STORES / CHUNK_STORES);
    // The jobs went to the cluster, not to a Redis on the default URL.
    expect(await servers.keysTagged(tag)).toBeGreaterThan(STORES / CHUNK_STORES);
    expect(stack!.worker.lines.find((line) => line.includes('worker started'))).toContain(
      `redis="cluster ${servers.addresses.join(',')}"`,
    );
    const logged = [...stack!.worker.lines, ...stack!.api.lines];
    expect(logged.filter((line) => line.includes(password))).toEqual([]);
  });

  it('counts trigger requests on the cluster: the fourth in an hour is refused (3/hour)', async () => {
    // The two requests above were the first and second of this hour.
    const third = await stack!.trigger(FORWARD);
    expect(third.status).toBe(202);
    const fourth = await stack!.trigger(FORWARD);
    expect(fourth.status).toBe(429);
    const { report_id: reportId } = (await third.json()) as { report_id: string };
    expect(await stack!.csvOf(reportId)).toBe(expected.forward);
  });

  it('is ready (a write to the cluster); its sweep enqueues a report whose plan job never was, and its callback goes', async () => {
    const ready = await fetch(`${stack!.api.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', postgres: 'up', redis: 'up' }]);
    const callbackUrl = receiver.url('/swept');
    const report = await withDatabase(database.url, {}, (db) =>
      new ReportRecords(db.prisma).create({ asOf: Date.parse(FORWARD.asOf!), policy: FORWARD.policy, callbackUrl }),
    );
    expect(await stack!.csvOf(report.id)).toBe(expected.forward);
    expect(stack!.worker.count(`stale report enqueued again report=${report.id}`)).toBe(1);
    // Through the callbacks queue, the third queue under the same braced prefix.
    const [callback] = await receiver.waitFor('/swept', 1);
    expect(JSON.parse(callback.body)).toEqual({
      report_id: report.id,
      status: 'complete',
      rows: STORES,
      url: `/get_report?report_id=${report.id}`,
      error: null,
    });
  });

  it("shows the queues on Bull Board: the reports' plan and merge jobs, their chunks, the callback", async () => {
    const auth = `Basic ${Buffer.from('admin:fault-suite-board-password').toString('base64')}`;
    const completed = async () => {
      const response = await fetch(`${stack!.api.url}/admin/queues/api/queues`, { headers: { authorization: auth } });
      if (response.status !== 200) throw new Error(`the board answered ${response.status}`);
      const { queues } = (await response.json()) as { queues: { name: string; counts: Record<string, number> }[] };
      return Object.fromEntries(queues.map((queue) => [queue.name, queue.counts.completed]));
    };
    const expected = { reports: 6, 'report-chunks': 3 * (STORES / CHUNK_STORES), 'report-callbacks': 1 };
    // A report is Complete just before its merge job is, and its callback job completes after the
    // receiver has answered: the last ones may still be finishing.
    const last = await waitFor('the last merge and callback jobs to complete', 10_000, async () => {
      const counts = await completed();
      const done = counts.reports === expected.reports && counts['report-callbacks'] === 1;
      return done ? counts : undefined;
    });
    expect(last).toEqual(expected);
  });

  it('refuses to start either process with a plain prefix, saying why', async () => {
    const plain = new Stack({ REDIS_CLUSTER_NODES: servers.addresses.join(','), QUEUE_PREFIX: 'store-monitor' });
    const codes = await Promise.all([plain.api.exited, plain.worker.exited]);
    const reason =
      'QUEUE_PREFIX: must carry a hash tag such as {store-monitor} when REDIS_CLUSTER_NODES is set: a ' +
      "report's flow writes to two queues in one command, which a cluster refuses (CROSSSLOT) unless their keys " +
      'share one {tag}';
    expect([codes, plain.api.lines, plain.worker.lines]).toEqual([
      [2, 2],
      [`store-monitor-api: ${reason}`],
      [`store-monitor worker: ${reason}`],
    ]);
  });

  it('answers 503 while the cluster is down, and says why in its log (last of these tests: it stops the cluster)', async () => {
    await servers.stop();
    const ready = await fetch(`${stack!.api.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'not ready', postgres: 'up', redis: 'down' }]);
    const trigger = await stack!.trigger(NEAREST, { 'idempotency-key': 'cluster-down' });
    expect(trigger.status).toBe(503);
    const api = await waitFor('the API to log the outage', 10_000, async () =>
      stack!.api.lines.find((line) => line.includes('redis unreachable')),
    );
    expect(JSON.parse(api)).toMatchObject({ msg: 'redis unreachable; report requests answer 503 until it is back' });
  });
});

describe('on a master found through a Sentinel', () => {
  let servers: RedisSentinelServers;
  let stack: Stack | undefined;

  beforeAll(async () => {
    servers = await RedisSentinelServers.start('sm-master');
    const redisEnv = {
      REDIS_SENTINELS: servers.sentinelAddress,
      REDIS_SENTINEL_NAME: servers.masterName,
      QUEUE_PREFIX: uniquePrefix('sm-sentinel'),
    };
    stack = new Stack(redisEnv);
    await stack.ready();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await servers?.stop();
  });

  it('makes the CSV `store-monitor report` makes', async () => {
    const response = await stack!.trigger(NEAREST);
    expect(response.status).toBe(202);
    const { report_id: reportId } = (await response.json()) as { report_id: string };
    expect(await stack!.csvOf(reportId)).toBe(expected.nearest);
    expect(stack!.worker.lines.find((line) => line.includes('worker started'))).toContain(
      `redis="sentinel sm-master via ${servers.sentinelAddress}"`,
    );
  });
});
