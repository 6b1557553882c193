import { buildApp } from './app';
import { loadConfig } from './config';
import { redactUrl } from './logger';
import { closeOnSignals } from './shutdown';

/** Exit code for a configuration that cannot be used, as with the command line's usage errors. */
const EXIT_CONFIG = 2;

async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    for (const line of loaded.errors) process.stderr.write(`store-monitor-api: ${line}\n`);
    process.exit(EXIT_CONFIG);
  }
  const { config } = loaded;
  const app = await buildApp(config);
  closeOnSignals(app);
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: redactUrl(config.databaseUrl), redis: redactUrl(config.redisUrl), reportsDir: config.reportsDir, queuePrefix: config.queuePrefix },
    'store-monitor API ready',
  );
}

main().catch((error: unknown) => {
  // Startup failed (the port is taken, a plugin could not load): nothing is serving, so exit.
  process.stderr.write(`store-monitor-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
