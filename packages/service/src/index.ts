export {
  optional,
  integer,
  duration,
  positiveDuration,
  boolean,
  httpBaseUrl,
  serviceVariables,
  serviceConfig,
  DEFAULT_QUEUE_PREFIX,
  readEnvironment,
  configOrExit,
  EXIT_BAD_CONFIG,
  type ServiceConfig,
  type ConfigResult,
} from './environment';
export {
  type HostPort,
  type RedisTopology,
  type RedisCredentials,
  CLUSTER_QUEUE_PREFIX,
  redisVariables,
  hasHashTag,
  checkRedisSettings,
  redisTopologyOf,
  describeRedisTopology,
} from './redis-settings';
export {
  createLogger,
  type Logger,
  type LogWriter,
  type LogLevel,
  type LogFormat,
  type LogStream,
  type LoggerSettings,
} from './logger';
export { prettyLine } from './pretty-lines';
export { redactUrl, oneLine } from './log-text';
export { stopOnRequest, describeRequest, type StopPolicy, type StopRequest, type Deadline } from './shutdown';
export {
  PartMissingError,
  ReportMissingError,
  ReportUnreadableError,
  type ReportRowJson,
  type ReportStore,
  type StoredReport,
} from './report-store/report-store';
export { FolderReportStore, reportFilePath, partsDir } from './report-store/folder-store';
export { writeFileAtomically } from './report-store/atomic-file';
export * from './metrics';
export { S3ReportStore, type S3StoreOptions } from './report-store/s3-store';
export { S3StoreError } from './report-store/s3-client';
export {
  reportStoreVariables,
  checkReportStoreVariables,
  reportStoreSettings,
  REPORT_STORES,
  DEFAULT_S3_REGION,
  type ReportStoreSettings,
  type S3Settings,
} from './report-store/s3-settings';
export { openReportStore, describeReportStore, type StoreConfig } from './report-store/open-report-store';
