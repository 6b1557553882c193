export { REPORT_QUEUE, CHUNK_QUEUE, JOB, DEFAULT_QUEUE_PREFIX } from './queue-names';
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
export { REPORT_JOB_OPTIONS } from './job-options';
export { openReportQueue, enqueueReport } from './report-queue';
export { planJobId, mergeJobId, chunkJobId, reportIdOfJob } from './job-ids';
