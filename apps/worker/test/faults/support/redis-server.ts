import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { waitFor } from '@store-monitor/test-support';

/**
 * A redis-server of the test's own (never the shared one on 6379), on a spare port, persisting to
 * an append-only file in a temporary directory, so it can be stopped and started again with its
 * data, as a Redis restart in production.
 */
export class OwnRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'store-monitor-redis-'));
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await sparePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server on the same port and directory; resolves once it answers PING. */
  async restart(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      this.dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitFor('redis-server to answer', 10_000, () => this.ping());
  }

  /** SIGTERM: Redis flushes its append-only file and exits, as on a clean restart. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** CONFIG SET on this server, e.g. maxmemory: a full Redis and then one with room again. */
  async configSet(name: string, value: string): Promise<void> {
    const client = new IORedis(this.url, { maxRetriesPerRequest: 0 });
    try {
      await client.config('SET', name, value);
    } finally {
      client.disconnect();
    }
  }

  private async ping(): Promise<boolean> {
    const client = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}

/** A port nothing listens on right now: the OS picks it, then it is freed for redis-server. */
async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
