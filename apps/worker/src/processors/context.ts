import type { FlowProducer, Job, Queue } from 'bullmq';
import type { Database, ReportRecords } from '@store-monitor/db';
import type { WorkerConfig } from '../config';
import type { Logger } from '../logger';

/** What every processor may use; built once by the runtime. */
export interface WorkerContext {
  config: WorkerConfig;
  /** The process's one pool (snapshots and plans), and Prisma on it (records). */
  db: Database;
  records: ReportRecords;
  flows: FlowProducer;
  reportsQueue: Queue;
  chunksQueue: Queue;
  log: Logger;
}

export type Processor = (job: Job, context: WorkerContext) => Promise<unknown>;
