import { Pool, type PoolClient } from 'pg';
import { prismaOnPool, type PrismaClient } from './prisma-client';

/**
 * Connections kept for the short queries (through Prisma: a record, a count, a probe), on top of
 * those the process's long work holds. Five served the API and the workers when Prisma had a
 * pool of its own; they stay five here.
 */
const SHORT_QUERY_CONNECTIONS = 5;

/**
 * A process's PostgreSQL: one pool, and the Prisma client that runs on that same pool. Every
 * entry point (ingest, snapshots, plans) takes it, so a process opens its connections in one
 * place and closes them in one.
 */
export interface Database {
  readonly pool: Pool;
  readonly prisma: PrismaClient;
  /** Disconnects Prisma, then ends the pool (waiting for the connections handed out to come back). */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /**
   * The most connections the process's long work holds at once: each ingest holds one for its
   * transaction, each report snapshot one and, when it reads a store's whole history, a second.
   * The pool has these plus SHORT_QUERY_CONNECTIONS, so long work at its bound (UPLOAD_CONCURRENCY
   * uploads, WORKER_CONCURRENCY jobs per queue) never leaves a short query waiting for a connection
   * for the minutes an ingest can take. Default 2: one report with its history reader (the command).
   */
  heldConnections?: number;
}

/** One pool for the URL's database, sized by `options` (see DatabaseOptions.heldConnections). */
export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const held = options.heldConnections ?? 2;
  if (!Number.isInteger(held) || held < 0) throw new RangeError(`held connections must be a whole number, got ${held}`);
  const pool = new Pool({ connectionString: databaseUrl, max: SHORT_QUERY_CONNECTIONS + held });
  // An idle connection the server drops (a restart, an outage) is an 'error' on the pool, which
  // would end the process unheard; the pool has already let it go, and the next query either gets
  // a new connection or fails with its own error, which its caller reports.
  pool.on('error', () => undefined);
  const prisma = prismaOnPool(pool);
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= prisma.$disconnect().finally(() => pool.end());
    return closing;
  };
  return { pool, prisma, close };
}

/** `work` with a handle of its own, closed after it, whatever happens: for a command or a test's setup. */
export async function withDatabase<T>(databaseUrl: string, options: DatabaseOptions, work: (db: Database) => Promise<T>): Promise<T> {
  const db = createDatabase(databaseUrl, options);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * `work` on one connection of the pool, given back afterwards. A connection `work` failed on is
 * destroyed rather than given back: it may be in the middle of a COPY or a transaction.
 */
async function withConnection<T>(db: Database, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (error) {
    client.release(true);
    throw error;
  }
}

/**
 * Runs `work` in one transaction on one connection: everything it writes lands together or not at
 * all (a crash or kill midway leaves the database as it was before).
 */
export function inTransaction<T>(db: Database, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return withConnection(db, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // The rollback is best effort: the connection is destroyed next, which ends the transaction too.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
