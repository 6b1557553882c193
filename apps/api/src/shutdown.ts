import type { FastifyInstance } from 'fastify';
import { describeRequest, type StopPolicy } from '@store-monitor/service';

/** Past this, a shutdown that is still waiting (a stuck request, say) gives up and exits 1. */
export const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * How the API stops, for the service's stopOnRequest: no new connections, in-flight requests
 * finish, then Redis, the queues and the database close (app.close() runs the plugins' onClose
 * hooks). The deadline or a second signal exits 1 at once: nothing here is worth waiting for twice.
 */
export function apiStopPolicy(app: FastifyInstance): StopPolicy {
  return {
    async stop(request, deadline) {
      app.log.info(`${describeRequest(request)}: finishing in-flight requests, then exiting`);
      deadline.set(SHUTDOWN_TIMEOUT_MS, () => {
        app.log.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      });
      await app.close();
    },
    again(signal) {
      app.log.warn(`${signal} again: exiting without waiting`);
      return false;
    },
  };
}
