/** What tests in several workspaces share: a database, Redis prefixes, a faulty network, polling. */
export { testDatabaseUrl, useTestDatabase } from './test-database';
export { CLOSED_PORT_REDIS_URL, REDIS_URL, deleteKeys, keysOf, uniquePrefix } from './redis-keys';
export { TcpProxy } from './tcp-proxy';
export { waitFor } from './wait-for';
export { untilLockWaiters } from './lock-waiters';
export { listenPort } from './listen-port';
export { RedisClusterServers, RedisSentinelServers } from './redis-cluster';
export { S3Server, S3_CREDENTIALS } from './s3-server';
export { CuttingProxy, type CutRule } from './cutting-proxy';
