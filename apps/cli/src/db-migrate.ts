// `npm run db:migrate`: creates the database if needed and applies every migration.
import { DEFAULT_DATABASE_URL, migrateDatabase, parseDatabaseUrl } from '@store-monitor/db';
import { redactUrl } from '@store-monitor/service/log-text';

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    parseDatabaseUrl(databaseUrl);
  } catch (error) {
    process.stderr.write(`db:migrate: ${(error as Error).message}\n`);
    return 2;
  }
  const { created, output } = await migrateDatabase(databaseUrl);
  // The CLI's last line says what happened; the rest (banners, a warning about the schema's url,
  // which the CLI itself needs) is noise once it has succeeded.
  const outcome = output.trim().split('\n').pop();
  process.stderr.write(`${created ? 'created' : 'found'} ${redactUrl(databaseUrl)}: ${outcome}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`db:migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
