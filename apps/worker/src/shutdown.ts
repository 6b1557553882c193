import type { Logger } from './logger';
import type { RunningWorker } from './runtime';

/**
 * SIGTERM or SIGINT closes the worker gracefully and exits 0; a second signal exits at once (the
 * jobs it abandons are recovered by another worker's stalled-job check, so none is lost).
 */
export function closeOnSignals(worker: RunningWorker, log: Logger): void {
  let received = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    received += 1;
    if (received > 1) {
      log.error('forced exit', { signal });
      process.exit(1);
    }
    log.info('shutting down', { signal, name: worker.name });
    worker.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
