import { UsageError } from './usage-error';

/** DATABASE_URL from the environment (or the default), checked once. */
export function databaseUrlFromEnvironment(): string {
  // Required here, not at the top: only the database commands pay for loading the client.
  const { DEFAULT_DATABASE_URL, parseDatabaseUrl } = require('@store-monitor/db') as typeof import('@store-monitor/db');
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return url;
}
