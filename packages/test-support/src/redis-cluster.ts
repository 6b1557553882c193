import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { listenPort } from './listen-port';
import { waitFor } from './wait-for';

/** A redis-server of a test's own: its port, its folder and its process. */
interface OwnServer {
  port: number;
  dir: string;
  child: ChildProcess;
  exited: Promise<void>;
}

/** Times a port may turn out taken (another test's server) before starting gives up. */
const START_ATTEMPTS = 5;

/**
 * Every server still running: killed when the process exits, so that a test run cut short (a
 * timeout, jest ending its worker) leaves no redis-server behind on the machine.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Nothing persisted: a test's Redis starts empty and leaves nothing behind. */
const NOTHING_SAVED = ['--save', '', '--appendonly', 'no'];

/**
 * A real Redis Cluster of `masters` redis-server processes on loopback, none of them persisting
 * (`--save "" --appendonly no`), joined by `redis-cli --cluster create` with no replicas. Each
 * server's cluster bus port is chosen too (`--cluster-port`), below the ports Linux hands out to
 * outgoing connections, as listenPort's are. stop() ends every process and removes their folders.
 */
export class RedisClusterServers {
  private constructor(
    private readonly servers: OwnServer[],
    private readonly password: string | undefined,
  ) {}

  /**
   * Starts the servers, creates the cluster and resolves once every node says cluster_state:ok.
   * With `password`, every node asks for it (requirepass) and gives it to the others (masterauth).
   */
  static async start(masters = 3, password?: string): Promise<RedisClusterServers> {
    const cluster = new RedisClusterServers([], password);
    const auth = password === undefined ? [] : ['--requirepass', password, '--masterauth', password];
    try {
      for (let i = 0; i < masters; i += 1) {
        cluster.servers.push(await startServer((port, dir) => [...clusterArgs(port, dir), ...auth], password));
      }
      const cliAuth = password === undefined ? [] : ['-a', password, '--no-auth-warning'];
      const create = spawnSync(
        'redis-cli',
        [...cliAuth, '--cluster', 'create', ...cluster.addresses, '--cluster-replicas', '0', '--cluster-yes'],
        { encoding: 'utf8', timeout: 60_000 },
      );
      if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
      for (const server of cluster.servers) {
        await waitFor(`node ${server.port} to say cluster_state:ok`, 30_000, () =>
          clusterStateOk(server.port, password),
        );
      }
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** `127.0.0.1:port` of each node, as REDIS_CLUSTER_NODES takes them. */
  get addresses(): string[] {
    return this.servers.map((server) => `127.0.0.1:${server.port}`);
  }

  get nodes(): { host: string; port: number }[] {
    return this.servers.map((server) => ({ host: '127.0.0.1', port: server.port }));
  }

  /** How many keys the cluster holds whose hash tag is `tag` (a prefix `{tag}`'s): all in one slot. */
  async keysTagged(tag: string): Promise<number> {
    const [first] = this.servers;
    const slot = await command(first.port, ['CLUSTER', 'KEYSLOT', `{${tag}}`], this.password);
    const counts = await Promise.all(
      this.servers.map((server) => command(server.port, ['CLUSTER', 'COUNTKEYSINSLOT', String(slot)], this.password)),
    );
    return counts.reduce<number>((sum, count) => sum + Number(count), 0);
  }

  /** Kills every server (nothing of theirs is kept) and removes its folder; safe to call twice. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map(stopServer));
  }
}

/**
 * One master, a replica of it and a Sentinel watching them (named `masterName`), each a process of
 * the test's own. The Sentinel gives up on a master that does not answer for a second, so
 * killMaster() is followed within seconds by the replica's promotion (masterPort() says when).
 */
export class RedisSentinelServers {
  private constructor(
    readonly master: OwnServer,
    readonly replica: OwnServer,
    readonly sentinel: OwnServer,
    readonly masterName: string,
  ) {}

  static async start(masterName = 'store-monitor'): Promise<RedisSentinelServers> {
    const started: OwnServer[] = [];
    try {
      const master = await startServer((port, dir) => [...common(port, dir), ...NOTHING_SAVED]);
      started.push(master);
      const replicaOf = ['--replicaof', '127.0.0.1', String(master.port)];
      const replica = await startServer((port, dir) => [...common(port, dir), ...NOTHING_SAVED, ...replicaOf]);
      started.push(replica);
      await waitFor('the replica to be in sync', 30_000, async () => {
        const info = await command(replica.port, ['INFO', 'replication']);
        return typeof info === 'string' && info.includes('master_link_status:up');
      });
      // A Sentinel rewrites its configuration file, so it gets one of its own in its folder.
      const sentinel = await startServer((port, dir) => sentinelArgs(port, dir, masterName, master.port));
      started.push(sentinel);
      const servers = new RedisSentinelServers(master, replica, sentinel, masterName);
      await waitFor(
        'the Sentinel to know its master',
        30_000,
        async () => (await servers.masterPort()) === master.port,
      );
      // Until the Sentinel has seen the replica (in the master's INFO, every 10 s) it has no one to promote.
      await waitFor('the Sentinel to know the replica', 30_000, async () => {
        const replicas = await command(sentinel.port, ['SENTINEL', 'replicas', masterName]);
        return Array.isArray(replicas) && replicas.length === 1;
      });
      return servers;
    } catch (error) {
      await Promise.all(started.map(stopServer));
      throw error;
    }
  }

  get sentinelAddress(): string {
    return `127.0.0.1:${this.sentinel.port}`;
  }

  /** The master's port as the Sentinel names it now. */
  async masterPort(): Promise<number | undefined> {
    const answer = await command(this.sentinel.port, ['SENTINEL', 'get-master-addr-by-name', this.masterName]);
    return Array.isArray(answer) ? Number(answer[1]) : undefined;
  }

  /** Kills the master, as a crashed machine: the Sentinel then promotes the replica. */
  async killMaster(): Promise<void> {
    await stopServer(this.master);
  }

  async stop(): Promise<void> {
    await Promise.all([stopServer(this.sentinel), stopServer(this.replica), stopServer(this.master)]);
  }
}

/** A cluster node's arguments: its own cluster bus port and node file, nothing persisted. */
function clusterArgs(port: number, dir: string): string[] {
  const bus = ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf')];
  return [...common(port, dir), ...bus, '--cluster-port', String(listenPort()), ...NOTHING_SAVED];
}

/** A Sentinel reads (and rewrites) a configuration file, which must come first: one of its own in its folder. */
function sentinelArgs(port: number, dir: string, masterName: string, masterPort: number): string[] {
  const config = join(dir, 'sentinel.conf');
  const lines = [
    `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 1`,
    `sentinel down-after-milliseconds ${masterName} 1000`,
    `sentinel failover-timeout ${masterName} 10000`,
  ];
  writeFileSync(config, `${lines.join('\n')}\n`);
  return [config, '--sentinel', ...common(port, dir)];
}

function common(port: number, dir: string): string[] {
  return ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir];
}

/**
 * A redis-server with `args(port, dir)`, on a port of listenPort's and a new folder. A port someone
 * else took makes the server exit at once: another port is tried.
 */
async function startServer(args: (port: number, dir: string) => string[], password?: string): Promise<OwnServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt += 1) {
    const port = listenPort();
    const dir = mkdtempSync(join(tmpdir(), 'store-monitor-redis-'));
    const child = spawn('redis-server', args(port, dir), { stdio: 'ignore' });
    running.add(child);
    let failed: Error | undefined;
    // No redis-server on the PATH: an 'error' and no 'close'.
    const exited = new Promise<void>((resolve) => {
      child.once('close', () => resolve());
      child.once('error', (error) => {
        failed = new Error(`redis-server could not be started (${error.message}): install redis-server and redis-cli`);
        resolve();
      });
    });
    exited.then(() => running.delete(child));
    const server = { port, dir, child, exited };
    try {
      await waitFor(`redis-server on port ${port} to answer`, 10_000, async () => {
        if (failed) throw failed;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`redis-server on port ${port} exited`);
        return (await command(port, ['PING'], password)) === 'PONG';
      });
      return server;
    } catch (error) {
      lastError = error;
      await stopServer(server);
      if (failed) break;
    }
  }
  throw lastError;
}

async function stopServer(server: OwnServer): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
  rmSync(server.dir, { recursive: true, force: true });
}

async function clusterStateOk(port: number, password?: string): Promise<boolean> {
  const info = await command(port, ['CLUSTER', 'INFO'], password);
  return typeof info === 'string' && info.includes('cluster_state:ok');
}

/** One command to one server, on a connection that gives up at once: undefined when it does not answer. */
async function command(port: number, argv: string[], password?: string): Promise<unknown> {
  const client = new IORedis({
    host: '127.0.0.1',
    port,
    password,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(argv[0], ...argv.slice(1));
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}
