import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '@store-monitor/db';
import { UsageError } from './usage-error';

/** DATABASE_URL from the environment (or the default), checked once. */
export function databaseUrlFromEnvironment(): string {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return url;
}
