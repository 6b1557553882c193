import { serveMetrics, type LogWriter, type MetricsServer } from '@store-monitor/service';
import type { WorkerConfig } from '../config';
import type { WorkerMetrics } from './worker-metrics';

/** Why the worker could not serve its metrics: a setting to fix (exit 2), like a bad value. */
export class MetricsPortError extends Error {}

/**
 * The worker's GET /metrics on METRICS_HOST:METRICS_PORT; none when METRICS_PORT is unset. Started
 * before the worker takes jobs, so a port that cannot be used stops it with nothing to hand back.
 */
export async function serveWorkerMetrics(
  config: WorkerConfig,
  metrics: WorkerMetrics,
  log: LogWriter,
): Promise<MetricsServer | undefined> {
  const { port, host, token } = config.metrics;
  if (port === undefined) return undefined;
  try {
    return await serveMetrics(metrics.registry, { host, port, token, log });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new MetricsPortError(`METRICS_PORT: cannot listen on ${host}:${port}: ${reason}`);
  }
}
