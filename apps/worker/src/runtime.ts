import { mkdirSync } from 'node:fs';
import type { Worker } from 'bullmq';
import { createDatabase, ReportRecords, type Database } from '@store-monitor/db';
import {
  CALLBACK_QUEUE,
  CHUNK_QUEUE,
  createRedisConnection,
  newWorkerName,
  openReportQueues,
  type QueueName,
  type RedisClient,
  type ReportQueues,
} from '@store-monitor/jobs';
import {
  createLogger,
  describeRedisTopology,
  describeReportStore,
  openReportStore,
  redactUrl,
  type LogWriter,
  type MetricsServer,
  type ReportStore,
} from '@store-monitor/service';
import { BackgroundTasks } from './background-tasks';
import { failedCallbackListener } from './callbacks/callback-failures';
import type { WorkerConfig } from './config';
import { failedJobListener } from './failure';
import { handingBack } from './hand-back';
import { WorkerMetrics } from './metrics/worker-metrics';
import type { WorkerContext } from './processors/context';
import { processJob } from './processors/registry';
import { completedChunkListener } from './progress';
import { startRetentionSweep } from './retention-sweep';
import { startStaleReportSweep } from './stale-reports';

/** The queues whose jobs read the database: reports (plan, merge) and report-chunks. */
const REPORT_QUEUES = 2;

export interface RunningWorker {
  /** Recorded as processedBy on the jobs it runs. */
  name: string;
  /** Resolves once every queue's worker is connected to Redis. */
  ready: Promise<void>;
  /** What it counts, for its metrics server (metrics/metrics-endpoint.ts) and tests. */
  metrics: WorkerMetrics;
  /** Takes no new jobs, lets the active ones finish, then closes Redis and PostgreSQL. */
  close(): Promise<void>;
  /** Gives the active jobs back to their queues now, so that close() need not wait for them. */
  handBack(): void;
}

/** What a worker may be given: its metrics, and the server that serves them (closed with the worker). */
export interface WorkerExtras {
  metrics?: WorkerMetrics;
  metricsServer?: MetricsServer;
}

/** Starts a worker for every report queue, in this process. */
export function startWorker(
  config: WorkerConfig,
  log: LogWriter = loggerOf(config),
  { metrics = new WorkerMetrics(), metricsServer }: WorkerExtras = {},
): RunningWorker {
  if (config.reportStore?.kind !== 's3') mkdirSync(config.reportsDir, { recursive: true });
  const name = newWorkerName();
  const redis = createRedisConnection(config, 'worker');
  // Every running job of the two report queues may hold two connections: a snapshot and its history
  // reader. Callback jobs hold none.
  const db = createDatabase(config.databaseUrl, { heldConnections: 2 * REPORT_QUEUES * config.concurrency });
  // A job runs only once its worker has connected, long after `context` below exists.
  const processor = (queue: QueueName) =>
    handingBack((job) => metrics.timeJob(queue, job.name, () => processJob(queue, job, context)), log);
  const queues = openReportQueues({
    connection: redis,
    prefix: config.queuePrefix,
    log,
    whileDown: 'jobs wait',
    workers: { name, concurrency: config.concurrency, processor },
  });
  const { reports, chunks, callbacks, flows } = queues;
  const records = new ReportRecords(db.prisma);
  const store = openReportStore(config);
  const context: WorkerContext = { config, db, records, store, reports, chunks, callbacks, flows, log, metrics };
  const tasks = new BackgroundTasks(log);
  for (const worker of queues.workers) listen(worker, context, tasks);
  metrics.watchQueues(queues);
  const stopStaleSweep = startStaleReportSweep(context, redis, tasks);
  const stopRetentionSweep = startRetentionSweep(context, redis, tasks);
  const stopSweep = () => {
    stopStaleSweep();
    stopRetentionSweep();
  };
  log.info({ name, ...describeConfig(config) }, 'worker started');
  const started = { name, queues, tasks, redis, db, store, log, stopSweep, metricsServer };
  return { name, ready: queues.ready(), metrics, ...stopControls(started) };
}

interface Started {
  name: string;
  queues: ReportQueues;
  tasks: BackgroundTasks;
  redis: RedisClient;
  db: Database;
  store: ReportStore;
  log: LogWriter;
  stopSweep: () => void;
  metricsServer: MetricsServer | undefined;
}

/** close() and handBack() of a started worker. */
function stopControls(started: Started): Pick<RunningWorker, 'close' | 'handBack'> {
  const { name, queues, tasks, redis, db, store, log, stopSweep, metricsServer } = started;
  let closing: Promise<void> | undefined;
  let handedBack = false;
  const close = () => {
    stopSweep();
    // Workers first: their active jobs, and the listeners those start, still use everything else.
    closing ??= Promise.all(queues.workers.map((worker) => worker.close()))
      .then(() => tasks.drain())
      .then(() => queues.close())
      .then(async () => {
        await redis.quit().catch(() => redis.disconnect());
        // Work handed back goes on until the process exits, holding its connection: the pools would
        // wait for it, so they (and the report store's connections) are left to close on their own then.
        const dbClosed = db.close();
        if (!handedBack) {
          store.close();
          await dbClosed;
        } else dbClosed.catch(() => undefined);
        // Last: Prometheus can watch the queues drain while the worker stops.
        await metricsServer?.close();
        log.info({ name }, 'worker stopped');
      });
    return closing;
  };
  const handBack = () => {
    handedBack = true;
    for (const worker of queues.workers) worker.cancelAllJobs('the worker is stopping');
  };
  return { close, handBack };
}

function loggerOf(config: WorkerConfig): LogWriter {
  return createLogger({ level: config.logLevel, format: config.logFormat });
}

function listen(worker: Worker, context: WorkerContext, tasks: BackgroundTasks): void {
  // A callback's failure is its own: the report it announces is already finished.
  if (worker.name === CALLBACK_QUEUE) worker.on('failed', failedCallbackListener(context));
  else worker.on('failed', failedJobListener(context, tasks));
  worker.on('stalled', (jobId) => context.log.error({ queue: worker.name, job: jobId }, 'job stalled'));
  if (worker.name === CHUNK_QUEUE) worker.on('completed', completedChunkListener(context, tasks));
  worker.on('completed', () => context.metrics.jobCompleted(worker.name));
  worker.on('failed', () => context.metrics.jobFailed(worker.name));
}

function describeConfig(config: WorkerConfig) {
  return {
    redis: config.redisTopology ? describeRedisTopology(config.redisTopology) : redactUrl(config.redisUrl),
    database: redactUrl(config.databaseUrl),
    reports: describeReportStore(config),
    concurrency: config.concurrency,
    chunkStores: config.chunkStores,
    sweepSeconds: config.staleSweepMs / 1000,
    staleSeconds: config.staleReportMs / 1000,
    prefix: config.queuePrefix,
  };
}
