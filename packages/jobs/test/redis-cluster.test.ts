import { randomUUID } from 'node:crypto';
import { createLogger } from '@store-monitor/service';
import { RedisClusterServers, RedisSentinelServers, waitFor } from '@store-monitor/test-support';
import {
  createRedisConnection,
  enqueueReport,
  mergeJobId,
  openReportQueues,
  reportFlow,
  type RedisClient,
  type RedisTarget,
} from '../src';

const log = createLogger({ level: 'silent', format: 'json' });
const RANGES = [
  { from: 'a', to: 'm' },
  { from: 'n', to: 'z' },
];

/** A report's flow (a merge job and two chunks) added through openReportQueues with `prefix`. */
async function addFlow(connection: RedisClient, prefix: string): Promise<string> {
  const queues = openReportQueues({ connection, prefix, log, whileDown: 'nothing' });
  const reportId = randomUUID();
  try {
    await queues.flows.add(reportFlow({ reportId, policy: 'nearest', asOfMs: 5 }, RANGES));
    const merge = await queues.reports.getJob(mergeJobId(reportId));
    expect([merge?.name, await merge?.getState()]).toEqual(['merge', 'waiting-children']);
    expect(await queues.chunks.getJobCountByTypes('waiting')).toBe(2);
    return reportId;
  } finally {
    await queues.close();
  }
}

describe('a Redis Cluster (3 masters)', () => {
  let servers: RedisClusterServers;
  const connections: RedisClient[] = [];
  const connect = (target: RedisTarget, role: 'worker' | 'producer') => {
    const connection = createRedisConnection(target, role);
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    servers = await RedisClusterServers.start(3);
  }, 120_000);

  afterAll(async () => {
    for (const connection of connections) connection.disconnect();
    await servers?.stop();
  });

  const cluster = (): RedisTarget => ({ redisUrl: '', redisTopology: { kind: 'cluster', nodes: servers.nodes } });

  it('refuses a flow whose queues have a plain prefix: their keys lie in different slots (CROSSSLOT)', async () => {
    const connection = connect(cluster(), 'producer');
    // ioredis finds the keys' slots differ before sending; Redis itself would answer CROSSSLOT.
    const refusal = /All the keys in a pipeline command should belong to the same slot/;
    await expect(addFlow(connection, `plain-${randomUUID().slice(0, 8)}`)).rejects.toThrow(refusal);
  });

  it('takes the same flow under a braced prefix, every key of it in one slot', async () => {
    const connection = connect(cluster(), 'producer');
    const tag = `sm-${randomUUID().slice(0, 8)}`;
    await addFlow(connection, `{${tag}}`);
    // The merge job and both chunks, each with its keys, and the queues' own keys.
    expect(await servers.keysTagged(tag)).toBeGreaterThan(5);
  });

  it('gives a worker connection the retry-forever setting BullMQ needs on every node', async () => {
    const worker = connect(cluster(), 'worker') as import('ioredis').Cluster;
    await worker.ping();
    expect(worker.options.redisOptions?.maxRetriesPerRequest).toBeNull();
    const producer = connect(cluster(), 'producer') as import('ioredis').Cluster;
    await waitFor('the producer to be ready', 10_000, async () => producer.status === 'ready');
    expect([producer.options.enableOfflineQueue, producer.options.redisOptions?.maxRetriesPerRequest]).toEqual([
      false,
      1,
    ]);
  });

  it('makes a producer fail at once, not queue, while the cluster cannot be reached', async () => {
    const nowhere: RedisTarget = {
      redisUrl: '',
      redisTopology: { kind: 'cluster', nodes: [{ host: '127.0.0.1', port: 1 }] },
    };
    const producer = connect(nowhere, 'producer');
    producer.on('error', () => undefined);
    await expect(producer.set('{x}probe', '1')).rejects.toThrow(/enableOfflineQueue options is false/);
  });
});

describe('a Redis Cluster whose nodes ask for a password', () => {
  const password = 'cluster-test-password';
  let servers: RedisClusterServers;
  const connections: RedisClient[] = [];

  beforeAll(async () => {
    servers = await RedisClusterServers.start(3, password);
  }, 120_000);

  afterAll(async () => {
    for (const connection of connections) connection.disconnect();
    await servers?.stop();
  });

  const target = (credentials: { password?: string }): RedisTarget => ({
    redisUrl: '',
    redisTopology: { kind: 'cluster', nodes: servers.nodes, ...credentials },
  });

  it('takes a flow with REDIS_PASSWORD given to every node, and refuses one without it', async () => {
    const withPassword = createRedisConnection(target({ password }), 'producer');
    connections.push(withPassword);
    const tag = `sm-${randomUUID().slice(0, 8)}`;
    await addFlow(withPassword, `{${tag}}`);
    expect(await servers.keysTagged(tag)).toBeGreaterThan(5);
    // Without it, a producer fails at once, and the outage's log line says why.
    const lines: string[] = [];
    const collected = createLogger({ level: 'info', format: 'json', stream: { write: (line) => lines.push(line) } });
    const without = createRedisConnection(target({}), 'producer');
    connections.push(without);
    const queues = openReportQueues({ connection: without, prefix: `{${tag}}`, log: collected, whileDown: 'x wait' });
    await expect(without.set(`{${tag}}probe`, '1')).rejects.toThrow(/Cluster isn't ready/);
    const line = await waitFor('the outage to be logged', 10_000, async () => lines[0]);
    expect(JSON.parse(line)).toMatchObject({
      msg: 'redis unreachable; x wait until it is back',
      source: 'redis',
      error: 'Failed to refresh slots cache. (NOAUTH Authentication required.)',
    });
    await queues.close();
  });
});

describe('a master watched by a Sentinel, with a replica', () => {
  let servers: RedisSentinelServers;
  let connection: RedisClient | undefined;

  beforeAll(async () => {
    servers = await RedisSentinelServers.start('sm-master');
  }, 120_000);

  afterAll(async () => {
    connection?.disconnect();
    await servers?.stop();
  });

  it('is found through the Sentinel, takes jobs, and is found again on the replica it promotes', async () => {
    const [host, port] = servers.sentinelAddress.split(':');
    const sentinels = [{ host, port: Number(port) }];
    // A worker's connection: it waits out the failover instead of failing its commands.
    connection = createRedisConnection(
      { redisUrl: '', redisTopology: { kind: 'sentinel', sentinels, masterName: 'sm-master' } },
      'worker',
    );
    connection.on('error', () => undefined);
    const redis = connection as import('ioredis').Redis;
    const prefix = `sentinel-${randomUUID().slice(0, 8)}`;
    await addFlow(connection, prefix);
    const queues = openReportQueues({ connection, prefix, log, whileDown: 'nothing' });
    const before = randomUUID();
    await enqueueReport(queues.reports, { reportId: before, asOf: null, policy: 'forward' });
    expect(await redis.info('server')).toContain(`tcp_port:${servers.master.port}`);
    // The replica has every write before the master dies.
    expect(await redis.wait(1, 5000)).toBe(1);

    await servers.killMaster();
    await waitFor('the Sentinel to promote the replica', 60_000, async () => {
      return (await servers.masterPort()) === servers.replica.port;
    });
    const after = randomUUID();
    await enqueueReport(queues.reports, { reportId: after, asOf: null, policy: 'nearest' });
    expect(await redis.info('server')).toContain(`tcp_port:${servers.replica.port}`);
    const data = await Promise.all([before, after].map(async (id) => (await queues.reports.getJob(id))?.data));
    expect(data).toEqual([
      { reportId: before, asOf: null, policy: 'forward' },
      { reportId: after, asOf: null, policy: 'nearest' },
    ]);
    await queues.close();
  }, 120_000);
});
