import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric this project defines starts with this, so its own are told from Node's at a glance. */
export const METRIC_PREFIX = 'store_monitor_';

/**
 * A registry of one process's metrics, never prom-client's global one: tests build many apps and
 * workers in one process, and each must count only what it saw. Node's process metrics (CPU,
 * memory, event loop lag, under their usual names) are read into it at scrape time.
 */
export function newMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
