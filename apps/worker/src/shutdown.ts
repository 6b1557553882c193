import type { Deadline, LogWriter, StopPolicy } from '@store-monitor/service';
import type { RunningWorker } from './runtime';

/** After handing its jobs back, a worker whose close still hangs (Redis gone, say) gives up. */
export const HAND_BACK_TIMEOUT_MS = 10_000;

/**
 * How the worker stops, for the service's stopOnRequest. The first request drains the worker: it
 * takes no new jobs, lets the running ones finish for up to drainMs, then hands the rest back to
 * their queues so another worker takes them at once, and exits 0 once closed. A second signal hands
 * them back now; a third exits 1 at once.
 */
export function workerStopPolicy(worker: RunningWorker, log: LogWriter, drainMs: number): StopPolicy {
  const handBack = (event: string, deadline: Deadline) => {
    log.info({ name: worker.name }, event);
    worker.handBack();
    deadline.set(HAND_BACK_TIMEOUT_MS, () => {
      log.error({ reason: `not closed ${HAND_BACK_TIMEOUT_MS / 1000} s after handing jobs back` }, 'forced exit');
    });
  };
  return {
    stop(request, deadline) {
      log.info({ ...request, name: worker.name, drainSeconds: drainMs / 1000 }, 'shutting down');
      const drain = setTimeout(() => handBack('drain time is up: handing back running jobs', deadline), drainMs);
      drain.unref();
      return worker.close();
    },
    again(signal, count, deadline) {
      if (count === 2) {
        handBack(`${signal} again: handing back running jobs now`, deadline);
        return true;
      }
      log.error({ signal }, 'forced exit');
      return false;
    },
  };
}
