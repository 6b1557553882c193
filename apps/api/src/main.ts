import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { loadConfig } from './config';
import { redactUrl } from './logger';
import { closeOnSignals } from './shutdown';

/** Exit code for a configuration that cannot be used, as with the command line's usage errors. */
const EXIT_CONFIG = 2;
const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    for (const line of loaded.errors) process.stderr.write(`store-monitor-api: ${line}\n`);
    process.exit(EXIT_CONFIG);
  }
  const { config } = loaded;
  // Stopped while still starting (the launcher stops everything when a worker dies at once):
  // nothing is served yet, so there is nothing to drain.
  const stopEarly = () => process.exit(0);
  for (const signal of STOP_SIGNALS) process.once(signal, stopEarly);
  const app = await buildApp(config);
  for (const signal of STOP_SIGNALS) process.off(signal, stopEarly);
  closeOnSignals(app);
  await app.listen({ port: config.port, host: config.host });
  tellLauncher(app.server.address());
  app.log.info(
    { database: redactUrl(config.databaseUrl), redis: redactUrl(config.redisUrl), reportsDir: config.reportsDir, queuePrefix: config.queuePrefix },
    'store-monitor API ready',
  );
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
  process.stderr.write(`store-monitor-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
