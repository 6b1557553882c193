import { Client } from 'pg';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/store_monitor';

/** A PostgreSQL URL with its database name, or an Error that says what is wrong with it. */
export function parseDatabaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`DATABASE_URL is not a URL: "${text}"`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new Error(`DATABASE_URL must start with postgresql://, got "${url.protocol}//"`);
  }
  if (databaseName(url) === '') throw new Error(`DATABASE_URL names no database: "${text}"`);
  return url;
}

export function databaseName(url: URL): string {
  return decodeURIComponent(url.pathname.replace(/^\//, ''));
}

/**
 * Creates the URL's database when it does not exist yet, connecting to the server's `postgres`
 * database to do so. Returns whether it was created.
 */
export async function ensureDatabase(urlText: string): Promise<boolean> {
  const name = databaseName(parseDatabaseUrl(urlText));
  return withServer(urlText, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  });
}

/** Drops the URL's database if it exists (tests clean up their own databases with it). */
export async function dropDatabase(urlText: string): Promise<void> {
  const name = databaseName(parseDatabaseUrl(urlText));
  await withServer(urlText, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}

/** Runs `work` on a connection to the same server's `postgres` database. */
async function withServer<T>(urlText: string, work: (client: Client) => Promise<T>): Promise<T> {
  const admin = parseDatabaseUrl(urlText);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
