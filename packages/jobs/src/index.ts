export { DEFAULT_QUEUE_PREFIX } from '@store-monitor/service';
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
export { REPORT_JOB_OPTIONS, newWorkerName } from './job-options';
export {
  REPORT_QUEUE,
  CHUNK_QUEUE,
  JOB,
  openReportQueues,
  QUEUE_NAMES,
  type QueueName,
  type QueueSettings,
  type ReportQueues,
  type WorkerSpec,
} from './report-queues';
export { createRedisConnection, type ConnectionRole, type RedisClient, type RedisTarget } from './redis-connection';
export {
  planJobId,
  mergeJobId,
  chunkJobId,
  reportIdOfJob,
  enqueueReport,
  reportFlow,
  type FlowRequest,
} from './report-jobs';
export {
  namingRedisRefusals,
  writeRefusal,
  type ErrorListener,
  type Processor,
} from './redis-errors';
export {
  CALLBACK_QUEUE,
  CALLBACK_JOB,
  callbackJobId,
  callbackBodySchema,
  type CallbackBody,
  callbackPayloadSchema,
  type CallbackPayload,
  type CallbackRetries,
  callbackJobOptions,
  enqueueCallback,
  SIGNATURE_HEADER,
  signCallback,
} from './report-callbacks';
export {
  type AllowedHost,
  ALLOWED_HOST_FORMS,
  allowedHostsSchema,
  callbackUrlProblem,
  parseAllowedHost,
} from './callback-hosts';
