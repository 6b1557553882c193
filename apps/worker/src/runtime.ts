import { mkdirSync } from 'node:fs';
import { FlowProducer, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { ReportRecords, createDatabase, type Database } from '@store-monitor/db';
import { CHUNK_QUEUE, REPORT_QUEUE, createRedisConnection } from '@store-monitor/jobs';
import { BackgroundTasks } from './background-tasks';
import type { WorkerConfig } from './config';
import { failedJobListener } from './failure';
import { handingBack } from './hand-back';
import { consoleLogger, type Logger } from './logger';
import type { WorkerContext } from './processors/context';
import { WORKER_QUEUES, queueProcessor } from './processors/registry';
import { completedChunkListener } from './progress';
import { redactUrl } from './redact-url';
import { namingRedisRefusals, redisErrorListener, type ErrorListener } from './redis-errors';
import { startStaleReportSweep } from './stale-reports';
import { newWorkerName, workerOptions } from './worker-options';

export interface RunningWorker {
  /** Recorded as processedBy on the jobs it runs. */
  name: string;
  /** Resolves once every queue's worker is connected to Redis. */
  ready: Promise<void>;
  /** Takes no new jobs, lets the active ones finish, then closes Redis and PostgreSQL. */
  close(): Promise<void>;
  /** Gives the active jobs back to their queues now, so that close() need not wait for them. */
  handBack(): void;
}

/** Starts a worker for every report queue, in this process. */
export function startWorker(config: WorkerConfig, log: Logger = consoleLogger): RunningWorker {
  mkdirSync(config.reportsDir, { recursive: true });
  const name = newWorkerName();
  const redis = createRedisConnection(config.redisUrl, 'worker');
  const onError = redisErrorListener(log, redis);
  redis.on('error', onError('redis'));
  // Every running job of every queue may hold two connections: a snapshot and its history reader.
  const db = createDatabase(config.databaseUrl, { heldConnections: 2 * WORKER_QUEUES.length * config.concurrency });
  const context = createContext(config, redis, db, log, onError);
  const tasks = new BackgroundTasks(log);
  const workers = WORKER_QUEUES.map((queue) => createQueueWorker(queue, context, tasks, redis, name, onError));
  const ready = Promise.all(workers.map((worker) => worker.waitUntilReady())).then(() => undefined);
  const stopSweep = startStaleReportSweep(context, redis, tasks);
  log.info('worker started', { name, ...describeConfig(config) });

  let closing: Promise<void> | undefined;
  const close = () => {
    stopSweep();
    closing ??= closeInOrder(workers, tasks, context).then(async () => {
      await redis.quit().catch(() => redis.disconnect());
      await db.close();
      log.info('worker stopped', { name });
    });
    return closing;
  };
  const handBack = () => workers.forEach((worker) => worker.cancelAllJobs('the worker is stopping'));
  return { name, ready, close, handBack };
}

/** Workers first: their active jobs, and the listeners those start, still use everything else. */
async function closeInOrder(workers: Worker[], tasks: BackgroundTasks, context: WorkerContext): Promise<void> {
  await Promise.all(workers.map((worker) => worker.close()));
  await tasks.drain();
  await Promise.all([context.flows.close(), context.reportsQueue.close(), context.chunksQueue.close()]);
}

function createContext(config: WorkerConfig, redis: Redis, db: Database, log: Logger, onError: ErrorListener): WorkerContext {
  const prefix = config.queuePrefix;
  const flows = new FlowProducer({ connection: redis, prefix });
  flows.on('error', onError('flow producer'));
  const reportsQueue = new Queue(REPORT_QUEUE, { connection: redis, prefix });
  reportsQueue.on('error', onError(`queue ${REPORT_QUEUE}`));
  const chunksQueue = new Queue(CHUNK_QUEUE, { connection: redis, prefix });
  chunksQueue.on('error', onError(`queue ${CHUNK_QUEUE}`));
  return { config, db, records: new ReportRecords(db.prisma), flows, reportsQueue, chunksQueue, log };
}

function createQueueWorker(queue: string, context: WorkerContext, tasks: BackgroundTasks, redis: Redis, name: string, onError: ErrorListener): Worker {
  const worker = new Worker(queue, handingBack(namingRedisRefusals(queueProcessor(queue, context)), context.log), workerOptions(context.config, redis, name));
  worker.on('error', onError(`worker ${queue}`));
  worker.on('failed', failedJobListener(context, tasks));
  worker.on('stalled', (jobId) => context.log.error('job stalled', { queue, job: jobId }));
  if (queue === CHUNK_QUEUE) worker.on('completed', completedChunkListener(context, tasks));
  return worker;
}

function describeConfig(config: WorkerConfig) {
  return {
    redis: redactUrl(config.redisUrl),
    database: redactUrl(config.databaseUrl),
    reports: config.reportsDir,
    concurrency: config.concurrency,
    chunkStores: config.chunkStores,
    sweepSeconds: config.staleSweepMs / 1000,
    staleSeconds: config.staleReportMs / 1000,
    prefix: config.queuePrefix,
  };
}
