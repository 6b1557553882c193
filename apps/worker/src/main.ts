import {
  configOrExit,
  createLogger,
  EXIT_BAD_CONFIG,
  oneLine,
  stopOnRequest,
  type Logger,
} from '@store-monitor/service';
import { loadConfig, type WorkerConfig } from './config';
import { startWorker, type RunningWorker } from './runtime';
import { workerStopPolicy } from './shutdown';

const PROGRAM = 'store-monitor worker';

/** `node apps/worker/dist/main.js`: settings from the environment, exit 2 when one is bad. */
function main(): void {
  const config = configOrExit(PROGRAM, loadConfig(process.env));
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const worker = startOrExit(config, log);
  stopOnRequest(workerStopPolicy(worker, log, config.drainMs), { log });
  // A bug in a listener must be seen, not crash the worker while other jobs are running.
  process.on('unhandledRejection', (reason) => log.error({ error: oneLine(reason) }, 'unhandled rejection'));
  worker.ready.then(
    () => log.info({ name: worker.name }, 'worker ready'),
    (error: unknown) => log.error({ error: oneLine(error) }, 'worker not ready'),
  );
}

/** Starting fails only when REPORTS_DIR cannot be created: a setting to fix, like the others. */
function startOrExit(config: WorkerConfig, log: Logger): RunningWorker {
  try {
    return startWorker(config, log);
  } catch (error) {
    process.stderr.write(`${PROGRAM}: REPORTS_DIR cannot be used: ${oneLine(error)}\n`);
    process.exit(EXIT_BAD_CONFIG);
  }
}

main();
