export { REPORT_QUEUE, CHUNK_QUEUE, JOB } from './queue-names';
export { DEFAULT_QUEUE_PREFIX } from '@store-monitor/service';
export { createRedisConnection, type ConnectionRole } from './redis-connection';
export {
  POLICIES,
  type Policy,
  reportRequestSchema,
  storeRangeSchema,
  type ReportRequest,
  chunkPayloadSchema,
  type ChunkPayload,
  mergePayloadSchema,
  type MergePayload,
} from './report-payloads';
export { REPORT_JOB_OPTIONS, reportWorkerOptions, newWorkerName } from './job-options';
export {
  openReportQueues,
  QUEUE_NAMES,
  type QueueName,
  type QueueSettings,
  type ReportQueues,
  type WorkerSpec,
} from './report-queues';
export { enqueueReport } from './report-queue';
export { reportFlow, type FlowRequest } from './report-flow';
export {
  redisErrorListener,
  namingRedisRefusals,
  writeRefusal,
  withRefusedCommand,
  REFUSAL_LOG_INTERVAL_MS,
  type ErrorListener,
  type Processor,
} from './redis-errors';
export { planJobId, mergeJobId, chunkJobId, reportIdOfJob } from './job-ids';
