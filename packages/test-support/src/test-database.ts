import { randomUUID } from 'node:crypto';
import { createDatabase, DEFAULT_DATABASE_URL, dropDatabase, migrateDatabase, type Database } from '@store-monitor/db';

/** A database of this test file's own, on the server DATABASE_URL names, dropped by `drop()`. */
export function testDatabaseUrl(): { url: string; drop: () => Promise<void> } {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = `/store_monitor_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}

/**
 * A migrated database of this test file's own and a handle on it: jest's beforeAll migrates it
 * (registered here, so it runs before the file's own), afterAll closes the handle and drops it.
 */
export function useTestDatabase(): { url: string; db: Database } {
  const database = testDatabaseUrl();
  const db = createDatabase(database.url);
  beforeAll(() => migrateDatabase(database.url), 120_000);
  afterAll(async () => {
    await db.close();
    await database.drop();
  });
  return { url: database.url, db };
}
