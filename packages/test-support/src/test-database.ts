import { randomUUID } from 'node:crypto';
import { DEFAULT_DATABASE_URL, dropDatabase } from '@store-monitor/db';

/** A database of this test file's own, on the server DATABASE_URL names, dropped by `drop()`. */
export function testDatabaseUrl(): { url: string; drop: () => Promise<void> } {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = `/store_monitor_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}
