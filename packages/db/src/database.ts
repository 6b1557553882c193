// Versions: prisma and @prisma/client 6.19.3 beside @prisma/adapter-pg 7.10.1, on purpose. The
// 6.19 adapter cannot read PostgreSQL `name` columns, which `prisma migrate deploy` needs. All
// three at 7.10 was tried offline: `prisma generate` works, but Prisma 7's CLI runs migrations
// only through its native schema engine, downloaded at first use from Prisma's own host (not the
// npm registry), and its config has no driver-adapter mode any more; 6.19's CLI migrates through
// the adapter with the WebAssembly engine it ships. So migrate deploy cannot run offline on 7.
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient } from 'pg';
import { PrismaClient } from './generated/client';

/**
 * Connections kept for the short queries (through Prisma: a record, a count, a probe). Five
 * served the API and the workers when Prisma had a pool of its own; they stay five.
 */
const SHORT_QUERY_CONNECTIONS = 5;

/**
 * A process's PostgreSQL, opened in one place and closed in one; every entry point (ingest,
 * snapshots, plans) takes it. Two pools, because two kinds of work share the database:
 *
 * - `pool`: short queries, Prisma's among them (through node-postgres: no native query engine), on
 *   connections kept between queries.
 * - `sessions`: long work (a load's transaction, a report's snapshot and its history reader), each
 *   on a connection of its own, opened for it and closed after it (maxUses 1), as when each opened
 *   a client of its own. Kept apart so that long work at its bound can never leave a short query
 *   waiting minutes for a connection, and so that each load or report meets the database as it is
 *   now: one closed to new connections or restarted fails that job (which is retried) instead of
 *   running on a connection kept from before.
 */
export interface Database {
  readonly pool: Pool;
  readonly prisma: PrismaClient;
  readonly sessions: Pool;
  /** Disconnects Prisma, then ends both pools (waiting for the connections handed out to come back). */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /**
   * The most connections the process's long work holds at once: each ingest holds one for its
   * transaction, each report snapshot one and, when it reads a store's whole history, a second.
   * Sized by each process from its own bound (UPLOAD_CONCURRENCY in the API, WORKER_CONCURRENCY
   * per queue in a worker), so work within that bound never waits for a connection; a snapshot
   * waiting for its history reader's connection while every other one is held could wait forever.
   * Default 2: one report with its history reader (the command).
   */
  heldConnections?: number;
}

/** The handle for the URL's database, sized by `options` (see DatabaseOptions.heldConnections). */
export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const held = options.heldConnections ?? 2;
  if (!Number.isInteger(held) || held < 0) throw new RangeError(`held connections must be a whole number, got ${held}`);
  const pool = new Pool({ connectionString: databaseUrl, max: SHORT_QUERY_CONNECTIONS });
  const sessions = new Pool({ connectionString: databaseUrl, max: Math.max(1, held), maxUses: 1 });
  // An idle connection the server drops (a restart, an outage) is an 'error' on its pool, which
  // would end the process unheard; the pool has already let it go, and the next query either gets
  // a new connection or fails with its own error, which its caller reports.
  for (const each of [pool, sessions]) each.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= prisma.$disconnect().finally(() => Promise.all([pool.end(), sessions.end()]).then(() => undefined));
    return closing;
  };
  return { pool, prisma, sessions, close };
}

/** `work` with a handle of its own, closed after it, whatever happens: for a command or a test's setup. */
export async function withDatabase<T>(
  databaseUrl: string,
  options: DatabaseOptions,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const db = createDatabase(databaseUrl, options);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/**
 * Runs `work` in one transaction on a session connection of its own (see Database): everything it
 * writes lands together or not at all (a crash or kill midway leaves the database as it was before).
 */
export async function inTransaction<T>(db: Database, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.sessions.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // Closes it (maxUses 1), whatever state a failure left it in (mid-COPY, say).
    client.release();
  }
}
