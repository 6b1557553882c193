import type { AddressInfo } from 'node:net';
import {
  configOrExit,
  describeRedisTopology,
  describeReportStore,
  redactUrl,
  stopOnRequest,
} from '@store-monitor/service';
import { buildApp } from './app';
import { loadConfig } from './config';
import { apiStopPolicy } from './shutdown';

const PROGRAM = 'store-monitor-api';
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main(): Promise<void> {
  const config = configOrExit(PROGRAM, loadConfig(process.env));
  // Stopped while still starting (the launcher stops everything when a worker dies at once):
  // nothing is served yet, so there is nothing to drain.
  const stopEarly = () => process.exit(0);
  for (const signal of STOP_SIGNALS) process.once(signal, stopEarly);
  const app = await buildApp(config);
  for (const signal of STOP_SIGNALS) process.off(signal, stopEarly);
  stopOnRequest(apiStopPolicy(app), { log: app.log });
  await app.listen({ port: config.port, host: config.host });
  tellLauncher(app.server.address());
  const { databaseUrl, redisUrl, redisTopology, queuePrefix } = config;
  const redis = redisTopology ? describeRedisTopology(redisTopology) : redactUrl(redisUrl);
  const reports = describeReportStore(config);
  const fields = { database: redactUrl(databaseUrl), redis, reports, queuePrefix };
  app.log.info(fields, 'store-monitor API ready');
}

/**
 * `store-monitor start` waits for this before it probes /readyz: a probe alone could reach another
 * process on the same port. Only a process started with an IPC channel has process.send.
 */
function tellLauncher(address: string | AddressInfo | null): void {
  if (process.send && address !== null && typeof address === 'object') {
    process.send({ type: 'listening', host: address.address, port: address.port });
  }
}

main().catch((error: unknown) => {
  // Startup failed (the port is taken, a plugin could not load): nothing is serving, so exit.
  process.stderr.write(`${PROGRAM}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
