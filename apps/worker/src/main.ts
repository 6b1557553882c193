import { ConfigError, loadConfig, type WorkerConfig } from './config';
import { consoleLogger } from './logger';
import { oneLine } from './one-line';
import { startWorker, type RunningWorker } from './runtime';
import { stopOnRequest } from './shutdown';

const USAGE_EXIT = 2;

/** `node apps/worker/dist/main.js`: settings from the environment, exit 2 when one is bad. */
function main(): void {
  const log = consoleLogger;
  const config = configOrExit();
  const worker = startOrExit(config);
  stopOnRequest(worker, log, { drainMs: config.drainMs });
  // A bug in a listener must be seen, not crash the worker while other jobs are running.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: oneLine(reason) }));
  worker.ready.then(
    () => log.info('worker ready', { name: worker.name }),
    (error: unknown) => log.error('worker not ready', { error: oneLine(error) }),
  );
}

function configOrExit(): WorkerConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`store-monitor worker: ${problem}\n`);
    process.exit(USAGE_EXIT);
  }
}

/** Starting fails only when REPORTS_DIR cannot be created: a setting to fix, like the others. */
function startOrExit(config: WorkerConfig): RunningWorker {
  try {
    return startWorker(config, consoleLogger);
  } catch (error) {
    process.stderr.write(`store-monitor worker: REPORTS_DIR cannot be used: ${oneLine(error)}\n`);
    process.exit(USAGE_EXIT);
  }
}

main();
