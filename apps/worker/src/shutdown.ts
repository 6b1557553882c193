import type { Logger } from './logger';
import type { RunningWorker } from './runtime';

/** After handing its jobs back, a worker whose close still hangs (Redis gone, say) gives up. */
export const HAND_BACK_TIMEOUT_MS = 10_000;

export interface StopOptions {
  /** How long running jobs may take to finish before they are handed back. */
  drainMs: number;
  exit?: (code: number) => void;
}

/**
 * One stop request (SIGTERM, SIGINT, or the launcher that started this worker going away) drains
 * the worker: it takes no new jobs, lets the running ones finish for up to drainMs, then hands
 * the rest back to their queues so another worker takes them at once, and exits 0. A second
 * signal hands them back now; a third exits 1 at once.
 */
export function stopOnRequest(worker: RunningWorker, log: Logger, options: StopOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let requests = 0;

  const handBack = (event: string) => {
    log.info(event, { name: worker.name });
    worker.handBack();
    setTimeout(() => {
      log.error('forced exit', { reason: `not closed ${HAND_BACK_TIMEOUT_MS / 1000} s after handing jobs back` });
      exit(1);
    }, HAND_BACK_TIMEOUT_MS).unref();
  };

  const stop = (fields: Record<string, string>) => {
    log.info('shutting down', { ...fields, name: worker.name, drainSeconds: options.drainMs / 1000 });
    const drain = setTimeout(() => handBack('drain time is up: handing back running jobs'), options.drainMs);
    drain.unref();
    worker.close().then(
      () => exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error: String(error) });
        exit(1);
      },
    );
  };

  const onSignal = (signal: NodeJS.Signals) => {
    requests += 1;
    if (requests === 1) stop({ signal });
    else if (requests === 2) handBack(`${signal} again: handing back running jobs now`);
    else {
      log.error('forced exit', { signal });
      exit(1);
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // Started by `store-monitor start`: if the launcher dies (even SIGKILL), stop rather than linger.
  process.on('disconnect', () => {
    requests += 1;
    if (requests === 1) stop({ reason: 'launcher gone' });
  });
}
