import { FlowProducer, Queue, Worker } from 'bullmq';
import type { LogWriter } from '@store-monitor/service';
import { REPORT_JOB_OPTIONS, reportWorkerOptions } from './job-options';
import type { RedisClient } from './redis-connection';
import { namingRedisRefusals, redisErrorListener, type ErrorListener, type Processor } from './redis-errors';
import { CALLBACK_QUEUE } from './report-callbacks';

/**
 * The two queues of a report. `reports` holds a report's plan job and, once planned, its merge
 * job (the parent of a flow); `report-chunks` holds the flow's children, one per range of stores,
 * so any number of workers share one report.
 */
export const REPORT_QUEUE = 'reports';
export const CHUNK_QUEUE = 'report-chunks';

/** Job names inside those queues. */
export const JOB = { plan: 'plan', merge: 'merge', chunk: 'chunk' } as const;

export type QueueName = typeof REPORT_QUEUE | typeof CHUNK_QUEUE | typeof CALLBACK_QUEUE;
/** Every queue a worker process takes jobs from: the report's two, and its callbacks. */
export const QUEUE_NAMES: readonly QueueName[] = [REPORT_QUEUE, CHUNK_QUEUE, CALLBACK_QUEUE];

/** What a worker process runs: a processor per queue, `concurrency` jobs at once per queue. */
export interface WorkerSpec {
  /** Recorded on every job as processedBy (newWorkerName()). */
  name: string;
  concurrency: number;
  processor(queue: QueueName): Processor;
}

export interface QueueSettings {
  connection: RedisClient;
  prefix: string;
  log: LogWriter;
  /** What waits while Redis is down, for the outage's log line ("jobs wait"). */
  whileDown: string;
  /** Only for a worker process: the workers to start on both queues. */
  workers?: WorkerSpec;
}

export interface ReportQueues {
  /** Plan jobs and, once planned, merge jobs (the parents of the flows). */
  reports: Queue;
  /** The flows' children: one chunk job per range of stores. */
  chunks: Queue;
  /** One job per finished report that has a callback_url: the POST to it. */
  callbacks: Queue;
  /** Adds a report's merge job and its chunks as one flow. */
  flows: FlowProducer;
  /** One worker per queue, in QUEUE_NAMES order; none in a producer. */
  workers: Worker[];
  /** The listener every one of them reports errors to; for anything else on the same connection. */
  onError: ErrorListener;
  /** Resolves once every worker is connected (at once for a producer). */
  ready(): Promise<void>;
  /** Workers first (their active jobs still use the rest), then the queues; the connection stays open. */
  close(): Promise<void>;
}

/**
 * Every queue, flow producer and worker a service process needs, on one connection, each with its
 * error listener: a Queue, Worker or FlowProducer without one crashes the process on a Redis error.
 * The reports queue's default job options are REPORT_JOB_OPTIONS, so a job added by any process
 * gets its retries and trimming.
 */
export function openReportQueues(settings: QueueSettings): ReportQueues {
  const { connection, prefix } = settings;
  const onError = redisErrorListener(settings.log, connection, settings.whileDown);
  connection.on('error', onError('redis'));
  const reports = new Queue(REPORT_QUEUE, { connection, prefix, defaultJobOptions: REPORT_JOB_OPTIONS });
  reports.on('error', onError(`queue ${REPORT_QUEUE}`));
  const chunks = new Queue(CHUNK_QUEUE, { connection, prefix });
  chunks.on('error', onError(`queue ${CHUNK_QUEUE}`));
  const callbacks = new Queue(CALLBACK_QUEUE, { connection, prefix });
  callbacks.on('error', onError(`queue ${CALLBACK_QUEUE}`));
  const flows = new FlowProducer({ connection, prefix });
  flows.on('error', onError('flow producer'));
  const spec = settings.workers;
  const workers = spec === undefined ? [] : QUEUE_NAMES.map((queue) => openWorker(queue, spec, settings, onError));
  return {
    reports,
    chunks,
    callbacks,
    flows,
    workers,
    onError,
    ready: async () => {
      await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([flows.close(), reports.close(), chunks.close(), callbacks.close()]);
    },
  };
}

function openWorker(queue: QueueName, spec: WorkerSpec, settings: QueueSettings, onError: ErrorListener): Worker {
  const options = { ...reportWorkerOptions(spec.name, spec.concurrency), connection: settings.connection };
  const worker = new Worker(queue, namingRedisRefusals(spec.processor(queue)), { ...options, prefix: settings.prefix });
  worker.on('error', onError(`worker ${queue}`));
  return worker;
}
