import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowProducer, Queue, type FlowJob } from 'bullmq';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import { createDatabase, migrateDatabase, ReportRecords, type Database, type ReportRecord } from '@store-monitor/db';
import { CHUNK_QUEUE, REPORT_QUEUE, createRedisConnection } from '@store-monitor/jobs';
import { deleteKeys, REDIS_URL, testDatabaseUrl, uniquePrefix, waitFor } from '@store-monitor/test-support';
import { createLogger, type Logger } from '@store-monitor/service';
import { loadConfig, type WorkerConfig } from '../../src/config';
import { WorkerProcess } from './worker-process';

/**
 * One test file's world: its own database, Redis key prefix and reports directory, so test files
 * run side by side; close() removes all three.
 */
export class Harness {
  readonly prefix = uniquePrefix('store-monitor-test');
  /** Removed whole by close(): the reports directory and any generated data live in it. */
  readonly workDir = mkdtempSync(join(tmpdir(), 'store-monitor-worker-'));
  readonly reportsDir = join(this.workDir, 'reports');
  readonly dataDir = join(this.workDir, 'data');
  readonly redis: Redis = createRedisConnection(REDIS_URL, 'worker');
  readonly reportsQueue = new Queue(REPORT_QUEUE, { connection: this.redis, prefix: this.prefix });
  readonly chunksQueue = new Queue(CHUNK_QUEUE, { connection: this.redis, prefix: this.prefix });
  private readonly database = testDatabaseUrl();
  private handle: Database | undefined;
  private readonly processes: WorkerProcess[] = [];
  records!: ReportRecords;

  constructor() {
    for (const queue of [this.reportsQueue, this.chunksQueue]) queue.on('error', reportError);
  }

  /** Adds a flow as the plan job would, for tests that shape one themselves. */
  async addFlow(flow: FlowJob): Promise<void> {
    const flows = new FlowProducer({ connection: this.redis, prefix: this.prefix });
    flows.on('error', reportError);
    try {
      await flows.add(flow);
    } finally {
      await flows.close();
    }
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** The test's database handle, once open() has run. */
  get db(): Database {
    if (!this.handle) throw new Error('the harness is not open');
    return this.handle;
  }

  async open(): Promise<this> {
    await migrateDatabase(this.database.url);
    this.handle = createDatabase(this.database.url);
    this.records = new ReportRecords(this.handle.prisma);
    return this;
  }

  /** The worker's environment for this harness, as a spawned worker gets it. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.database.url,
      REDIS_URL,
      REPORTS_DIR: this.reportsDir,
      QUEUE_PREFIX: this.prefix,
      ...overrides,
    };
  }

  config(overrides: Record<string, string> = {}): WorkerConfig {
    const result = loadConfig(this.env(overrides), false);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    return result.config;
  }

  async waitForReport(id: string, timeoutMs = 60_000): Promise<ReportRecord> {
    return waitFor(`report ${id} to finish`, timeoutMs, async () => {
      const record = await this.records.get(id);
      return record && (record.status === 'complete' || record.status === 'failed') ? record : undefined;
    });
  }

  /** ALLOW_CONNECTIONS false makes every new connection fail, as during a database restart. */
  async allowConnections(allowed: boolean): Promise<void> {
    const admin = new URL(this.database.url);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${allowed}`);
    } finally {
      await client.end();
    }
  }

  /**
   * A worker process on this world's settings (one chunk at a time unless `overrides` say
   * otherwise), ready to take jobs; close() stops it.
   */
  async startProcess(overrides: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = new WorkerProcess(this.env({ WORKER_CONCURRENCY: '1', ...overrides }));
    this.processes.push(worker);
    await worker.waitForLine('worker ready');
    return worker;
  }

  /** Deletes every key of this world's queues, as a flush of Redis would. */
  async flushQueueKeys(): Promise<void> {
    await deleteKeys(this.prefix);
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((worker) => worker.stop()));
    await Promise.all([this.reportsQueue.close(), this.chunksQueue.close()]);
    await deleteKeys(this.prefix);
    await this.redis.quit();
    await this.handle?.close();
    await this.database.drop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

function reportError(error: Error): void {
  process.stderr.write(`test queue error: ${error.message}\n`);
}

/** Keeps the worker's log lines for assertions; DEBUG_WORKER=1 shows them too. */
export function collectingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line.replace(/\n$/, ''));
    if (process.env.DEBUG_WORKER) process.stderr.write(line);
  };
  return { log: createLogger({ level: 'info', format: 'pretty', stream: { write: keep } }), lines };
}
