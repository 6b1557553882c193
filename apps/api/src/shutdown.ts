import type { FastifyInstance } from 'fastify';

/** Past this, a shutdown that is still waiting (a stuck request, say) gives up and exits 1. */
export const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * On SIGTERM or SIGINT, or when the launcher that started the API goes away: stop accepting
 * connections, let in-flight requests finish, close Redis and Prisma (app.close() does all of
 * that through the plugins' onClose hooks), then exit 0. A second signal, or the timeout, exits 1
 * at once.
 */
export function closeOnSignals(app: FastifyInstance, exit: (code: number) => void = (code) => process.exit(code)): void {
  let closing = false;
  const close = (reason: string): void => {
    closing = true;
    app.log.info(`${reason}: finishing in-flight requests, then exiting`);
    setTimeout(() => {
      app.log.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!closing) return close(signal);
    app.log.warn(`${signal} again: exiting without waiting`);
    exit(1);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // Only a process started with an IPC channel (by `store-monitor start`) sees this event.
  process.on('disconnect', () => closing || close('launcher gone'));
}
