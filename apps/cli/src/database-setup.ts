import { redactUrl } from '@store-monitor/service/log-text';
import { UsageError } from './parse-args';

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

/** A database that cannot be used as it is: exit code 2 with what to do about it. */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
}

const HINTS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers at that address; is PostgreSQL running?',
  ENOTFOUND: 'that host name is unknown',
  '3D000': 'the database does not exist; run `npm run db:migrate` first',
  '42P01': 'its tables are missing; run `npm run db:migrate` first',
  '42703': 'its tables are from an older version; run `npm run db:migrate`',
  '28P01': 'the password was refused',
};

/** Turns a driver error into a DatabaseError when it is about the database's setup, else returns it. */
export function explainDatabaseError(error: unknown, databaseUrl: string): unknown {
  const code = (error as { code?: string } | undefined)?.code;
  const hint = code === undefined ? undefined : HINTS[code];
  if (hint === undefined) return error;
  return new DatabaseError(`cannot use the database at ${redactUrl(databaseUrl)}: ${hint}`);
}
