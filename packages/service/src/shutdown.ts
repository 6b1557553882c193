import type { LogWriter } from './logger';
import { oneLine } from './log-text';

/** What asked the process to stop: a signal, or the launcher that started it going away. */
export type StopRequest = { signal: NodeJS.Signals } | { reason: 'launcher gone' };

/** Exits the process with code 1 at a deadline, unless it has exited by then. */
export interface Deadline {
  /** From now, `ms` at most; `onExpiry` says why before the exit. A later call adds another deadline. */
  set(ms: number, onExpiry: () => void): void;
}

/** How one service stops: the parts that differ between the API and the worker. */
export interface StopPolicy {
  /** The first request: starts the graceful stop and resolves once everything is closed. */
  stop(request: StopRequest, deadline: Deadline): Promise<void>;
  /**
   * Each later signal, counted from 2. Returns whether to go on waiting for the graceful stop;
   * false exits 1 at once.
   */
  again(signal: NodeJS.Signals, count: number, deadline: Deadline): boolean;
}

export interface StopOptions {
  log: LogWriter;
  exit?: (code: number) => void;
}

/**
 * Wires SIGTERM, SIGINT and the launcher's IPC channel closing (only a process started by
 * `store-monitor start` has one) to `policy`. The first request stops gracefully and exits 0 once
 * closed, 1 if closing fails or outlives a deadline the policy set. Hand-written rather than
 * close-with-grace, which exits 1 at the second signal: the worker's second signal hands its jobs
 * back and still waits for a clean close, and only a third one exits at once.
 */
export function stopOnRequest(policy: StopPolicy, { log, exit = (code) => process.exit(code) }: StopOptions): void {
  let requests = 0;
  const deadline: Deadline = {
    set(ms, onExpiry) {
      setTimeout(() => {
        onExpiry();
        exit(1);
      }, ms).unref();
    },
  };
  const first = (request: StopRequest): void => {
    policy.stop(request, deadline).then(
      () => exit(0),
      (error: unknown) => {
        log.error({ error: oneLine(error) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    requests += 1;
    if (requests === 1) first({ signal });
    else if (!policy.again(signal, requests, deadline)) exit(1);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // The launcher died (even by SIGKILL): stop rather than linger without it.
  process.on('disconnect', () => {
    requests += 1;
    if (requests === 1) first({ reason: 'launcher gone' });
  });
}

/** The request as a log field: `signal=SIGTERM` or `reason="launcher gone"`. */
export function describeRequest(request: StopRequest): string {
  return 'signal' in request ? request.signal : request.reason;
}
