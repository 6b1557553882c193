import { isRunning, type Service } from './services';

/**
 * Signals closer together than this are one press of Ctrl-C: a parent such as npm may pass the
 * terminal's SIGINT on as well, so the launcher can see the same press twice.
 */
const SAME_PRESS_MS = 500;

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopRequests {
  /** Whether a stop was asked for: services that exit afterwards were asked to. */
  requested(): boolean;
  /** Sends every running service one SIGTERM (when one died unasked, say). */
  stopAll(): void;
}

/**
 * Passes each stop request (Ctrl-C, SIGTERM, or the terminal closing) on to every running
 * service as exactly one SIGTERM. The first drains them: running jobs finish, for a bounded time;
 * a second asks them to stop now (workers hand their jobs back, the API drops open requests).
 */
export function forwardStopRequests(services: Service[], say: (line: string) => void): StopRequests {
  let presses = 0;
  let lastAt = -Infinity;
  const stopAll = () => {
    for (const { child } of services.filter(isRunning)) child.kill('SIGTERM');
  };
  const onSignal = () => {
    const now = Date.now();
    if (now - lastAt < SAME_PRESS_MS) return;
    lastAt = now;
    presses += 1;
    if (presses === 1) say('store-monitor: stopping: running jobs finish first (Ctrl-C again to stop now)');
    else say('store-monitor: stopping now: the workers hand their running jobs back, the API drops open requests');
    stopAll();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return { requested: () => presses > 0, stopAll };
}
