import { z } from 'zod';
import {
  CLUSTER_QUEUE_PREFIX,
  checkRedisSettings,
  describeRedisTopology,
  DEFAULT_QUEUE_PREFIX,
  hasHashTag,
  readEnvironment,
  redisVariables,
  serviceConfig,
  serviceVariables,
} from '../src';

const schema = z.object({ ...serviceVariables, ...redisVariables }).superRefine(checkRedisSettings);
const read = (env: NodeJS.ProcessEnv) => readEnvironment(schema, env, (values) => serviceConfig(values, false));

function config(env: NodeJS.ProcessEnv) {
  const result = read(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

const NODES = '10.0.0.1:7000, redis-2:7001,[::1]:7002';
const NODE_LIST = [
  { host: '10.0.0.1', port: 7000 },
  { host: 'redis-2', port: 7001 },
  { host: '::1', port: 7002 },
];

describe('Redis Cluster and Sentinel settings', () => {
  it('names no topology by default: the one server of REDIS_URL, with the plain prefix', () => {
    const plain = config({ REDIS_CLUSTER_NODES: ' ', REDIS_SENTINELS: '', REDIS_SENTINEL_NAME: '' });
    expect([plain.redisTopology, plain.queuePrefix, 'redisTopology' in plain]).toEqual([
      undefined,
      DEFAULT_QUEUE_PREFIX,
      false,
    ]);
  });

  it('reads a cluster, whose default queue prefix is braced (a hash tag)', () => {
    const cluster = config({ REDIS_CLUSTER_NODES: NODES });
    expect([cluster.redisTopology, cluster.queuePrefix]).toEqual([
      { kind: 'cluster', nodes: NODE_LIST },
      '{store-monitor}',
    ]);
    expect(CLUSTER_QUEUE_PREFIX).toBe('{store-monitor}');
    expect(config({ REDIS_CLUSTER_NODES: NODES, QUEUE_PREFIX: 'sm-{eu}:' }).queuePrefix).toBe('sm-{eu}:');
    expect(describeRedisTopology(cluster.redisTopology!)).toBe('cluster 10.0.0.1:7000,redis-2:7001,::1:7002');
  });

  it('reads Sentinels and the master name, keeping the plain prefix (one master has one slot space)', () => {
    const sentinel = config({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'mymaster' });
    expect([sentinel.redisTopology, sentinel.queuePrefix]).toEqual([
      {
        kind: 'sentinel',
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
        ],
        masterName: 'mymaster',
      },
      DEFAULT_QUEUE_PREFIX,
    ]);
    expect(describeRedisTopology(sentinel.redisTopology!)).toBe('sentinel mymaster via s1:26379,s2:26379');
  });

  it('refuses a plain prefix on a cluster, saying why (CROSSSLOT)', () => {
    expect(read({ REDIS_CLUSTER_NODES: NODES, QUEUE_PREFIX: 'store-monitor' })).toEqual({
      ok: false,
      errors: [
        'QUEUE_PREFIX: must carry a hash tag such as {store-monitor} when REDIS_CLUSTER_NODES is set: a ' +
          "report's flow writes to two queues in one command, which a cluster refuses (CROSSSLOT) unless their " +
          'keys share one {tag}',
      ],
    });
  });

  it('says each bad host list, and each rule broken between the variables, on a line of its own', () => {
    const lists = ['redis-1', 'redis-1:0', 'a:1,,b:2', 'a b:1', 'a:65536', 'http://a:1'];
    for (const list of lists) {
      expect([list, read({ REDIS_CLUSTER_NODES: list })]).toEqual([
        list,
        {
          ok: false,
          errors: ['REDIS_CLUSTER_NODES: must be a comma list of host:port, such as redis-1:6379,redis-2:6379'],
        },
      ]);
    }
    expect(read({ REDIS_CLUSTER_NODES: NODES, REDIS_SENTINELS: 's:1', REDIS_URL: 'redis://x' })).toEqual({
      ok: false,
      errors: [
        'REDIS_SENTINELS: cannot be used with REDIS_CLUSTER_NODES: set one of them',
        'REDIS_URL: must be unset (or empty) when REDIS_CLUSTER_NODES is set: the servers are named there',
        'REDIS_SENTINEL_NAME: is required when REDIS_SENTINELS is set: the name the Sentinels know the master by',
      ],
    });
    expect(read({ REDIS_SENTINEL_NAME: 'mymaster' })).toEqual({
      ok: false,
      errors: ['REDIS_SENTINEL_NAME: is used only with REDIS_SENTINELS, which is not set'],
    });
    expect(read({ REDIS_SENTINELS: 's:1', REDIS_SENTINEL_NAME: 'my master' })).toEqual({
      ok: false,
      errors: ['REDIS_SENTINEL_NAME: may hold only letters, digits and _ . -'],
    });
  });

  it('gives the credentials to a cluster or the Sentinel-found master, never to the log line or a message', () => {
    const secret = 'pa ss:w0rd@!';
    const cluster = config({ REDIS_CLUSTER_NODES: NODES, REDIS_USERNAME: 'jobs', REDIS_PASSWORD: secret });
    expect(cluster.redisTopology).toEqual({ kind: 'cluster', nodes: NODE_LIST, username: 'jobs', password: secret });
    expect(describeRedisTopology(cluster.redisTopology!)).toBe('cluster 10.0.0.1:7000,redis-2:7001,::1:7002');
    const sentinel = config({ REDIS_SENTINELS: 's:1', REDIS_SENTINEL_NAME: 'm', REDIS_PASSWORD: secret });
    expect(sentinel.redisTopology).toEqual({
      kind: 'sentinel',
      sentinels: [{ host: 's', port: 1 }],
      masterName: 'm',
      password: secret,
    });
    const refused = read({ REDIS_CLUSTER_NODES: NODES, REDIS_USERNAME: 'jobs user', REDIS_PASSWORD: secret });
    expect(refused).toEqual({ ok: false, errors: ['REDIS_USERNAME: must be printable ASCII without spaces'] });
    expect(read({ REDIS_USERNAME: 'jobs', REDIS_PASSWORD: secret })).toEqual({
      ok: false,
      errors: [
        'REDIS_USERNAME: is used only with REDIS_CLUSTER_NODES or REDIS_SENTINELS; REDIS_URL carries its own (redis://user:password@host)',
        'REDIS_PASSWORD: is used only with REDIS_CLUSTER_NODES or REDIS_SENTINELS; REDIS_URL carries its own (redis://user:password@host)',
      ],
    });
    expect(read({ REDIS_CLUSTER_NODES: NODES, REDIS_USERNAME: 'jobs' })).toEqual({
      ok: false,
      errors: ['REDIS_PASSWORD: is required when REDIS_USERNAME is set'],
    });
  });

  it("finds a hash tag by Redis's own rule: the first { and the first } after it, with something between", () => {
    const prefixes = ['{sm}', 'a{b}c', '{a}{b}', 'sm', '{}sm', '{}{sm}', 'sm}{', '{sm', 'sm}'];
    expect(prefixes.map(hasHashTag)).toEqual([true, true, true, false, false, false, false, false, false]);
  });
});
