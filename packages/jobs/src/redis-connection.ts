import IORedis, { Cluster, type ClusterOptions, type Redis, type RedisOptions } from 'ioredis';
import type { RedisTopology } from '@store-monitor/service';

/** One Redis server (or a Sentinel-found master), or a Redis Cluster: what BullMQ and the apps talk to. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: REDIS_URL's server, unless the topology names a cluster or Sentinels. */
export interface RedisTarget {
  redisUrl: string;
  redisTopology?: RedisTopology;
}

/**
 * `worker`: blocking commands must wait out a Redis restart, so requests retry forever
 * (BullMQ requires maxRetriesPerRequest: null). `producer`: an HTTP request must fail at once
 * when Redis is down instead of queueing in memory, so the offline queue is off.
 */
export type ConnectionRole = 'worker' | 'producer';

const ROLE_OPTIONS: Record<ConnectionRole, RedisOptions> = {
  worker: { maxRetriesPerRequest: null },
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 },
};

/**
 * The connection for `role`. On a cluster the role's options go to each node's connection
 * (redisOptions, where BullMQ looks for maxRetriesPerRequest), except the offline queue: a cluster
 * always queues on its nodes' connections, which it opens lazily, so a producer turns off the
 * cluster's own offline queue instead, and a command fails at once while the cluster is not ready.
 */
export function createRedisConnection(url: string, role: ConnectionRole): Redis;
export function createRedisConnection(target: RedisTarget, role: ConnectionRole): RedisClient;
export function createRedisConnection(target: string | RedisTarget, role: ConnectionRole): RedisClient {
  const { redisUrl, redisTopology } = typeof target === 'string' ? { redisUrl: target } : target;
  const options = ROLE_OPTIONS[role];
  if (redisTopology === undefined) return new IORedis(redisUrl, { ...options, lazyConnect: false });
  const credentials = { username: redisTopology.username, password: redisTopology.password };
  if (redisTopology.kind === 'cluster') return new Cluster(redisTopology.nodes, clusterOptions(role, credentials));
  const { sentinels, masterName: name } = redisTopology;
  return new IORedis({ ...options, ...credentials, sentinels, name, lazyConnect: false });
}

function clusterOptions(role: ConnectionRole, credentials: RedisOptions): ClusterOptions {
  const { enableOfflineQueue, ...nodeOptions } = ROLE_OPTIONS[role];
  const redisOptions = { ...nodeOptions, ...credentials };
  return { redisOptions, enableOfflineQueue: enableOfflineQueue ?? true, lazyConnect: false };
}
