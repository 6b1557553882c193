import type { FastifyInstance } from 'fastify';

/** Past this, a shutdown that is still waiting (a stuck request, say) gives up and exits 1. */
export const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish, close Redis
 * and Prisma (app.close() does all of that through the plugins' onClose hooks), then exit 0.
 * A second signal, or the timeout, exits 1 at once.
 */
export function closeOnSignals(app: FastifyInstance, exit: (code: number) => void = (code) => process.exit(code)): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      app.log.warn(`${signal} again: exiting without waiting`);
      exit(1);
      return;
    }
    closing = true;
    app.log.info(`${signal}: finishing in-flight requests, then exiting`);
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
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
