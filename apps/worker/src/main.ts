import {
  configOrExit,
  createLogger,
  EXIT_BAD_CONFIG,
  oneLine,
  stopOnRequest,
  type Logger,
} from '@store-monitor/service';
import { loadConfig, type WorkerConfig } from './config';
import { MetricsPortError, serveWorkerMetrics } from './metrics/metrics-endpoint';
import { WorkerMetrics } from './metrics/worker-metrics';
import { startWorker, type RunningWorker, type WorkerExtras } from './runtime';
import { workerStopPolicy } from './shutdown';

const PROGRAM = 'store-monitor worker';

/** `node apps/worker/dist/main.js`: settings from the environment, exit 2 when one is bad. */
async function main(): Promise<void> {
  const config = configOrExit(PROGRAM, loadConfig(process.env));
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const worker = startOrExit(config, log, await metricsOrExit(config, log));
  stopOnRequest(workerStopPolicy(worker, log, config.drainMs), { log });
  // A bug in a listener must be seen, not crash the worker while other jobs are running.
  process.on('unhandledRejection', (reason) => log.error({ error: oneLine(reason) }, 'unhandled rejection'));
  worker.ready.then(
    () => log.info({ name: worker.name }, 'worker ready'),
    (error: unknown) => log.error({ error: oneLine(error) }, 'worker not ready'),
  );
}

/** Starting fails only when REPORTS_DIR cannot be created: a setting to fix, like the others. */
function startOrExit(config: WorkerConfig, log: Logger, extras: WorkerExtras): RunningWorker {
  try {
    return startWorker(config, log, extras);
  } catch (error) {
    process.stderr.write(`${PROGRAM}: REPORTS_DIR cannot be used: ${oneLine(error)}\n`);
    process.exit(EXIT_BAD_CONFIG);
  }
}

/** The worker's metrics and, with METRICS_PORT, their server; a port that cannot be used exits 2. */
async function metricsOrExit(config: WorkerConfig, log: Logger): Promise<WorkerExtras> {
  const metrics = new WorkerMetrics();
  try {
    return { metrics, metricsServer: await serveWorkerMetrics(config, metrics, log) };
  } catch (error) {
    if (!(error instanceof MetricsPortError)) throw error;
    process.stderr.write(`${PROGRAM}: ${error.message}\n`);
    process.exit(EXIT_BAD_CONFIG);
  }
}

void main();
