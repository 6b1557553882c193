export { METRIC_PREFIX, newMetricsRegistry } from './metrics-registry';
export {
  QUEUE_READ_TIMEOUT_MS,
  QUEUE_STATES,
  type CountedQueue,
  type QueueDepthOptions,
  type QueueState,
  watchQueueDepths,
} from './queue-depth';
export { METRICS_PATH, serveMetrics, type MetricsServer, type MetricsServerOptions } from './metrics-server';
export { bearerTokenMatches, METRICS_CHALLENGE } from './bearer-token';
export {
  apiMetricsVariables,
  METRICS_DEFAULTS,
  metricsServerSettings,
  workerMetricsVariables,
  type MetricsServerSettings,
} from './metrics-settings';
