import type { Database } from './database';

/**
 * The partitions of polls whose whole week ends at or before `cutoff`, oldest first, and those a
 * detach left halfway (interrupted DETACH ... CONCURRENTLY). The upper bound is read back from the
 * partition's own bound, not its name: what decides is the range PostgreSQL routes by.
 */
const EXPIRED_PARTITIONS = `
  SELECT c.relname AS name, i.inhdetachpending AS pending
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'polls'::regclass
    AND (i.inhdetachpending
      OR (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz <= $1)
  ORDER BY c.relname`;

/**
 * Weeks a sweep detached and was stopped before dropping (a killed worker): tables of a partition's
 * name (polls_pYYYYMMDD) no longer attached, whose week ended at or before `cutoff`.
 */
const DETACHED_LEFTOVERS = `
  SELECT c.relname AS name FROM pg_class c
  WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname ~ '^polls_p[0-9]{8}$'
    AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)
    AND (to_date(substr(c.relname, 8), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC') + interval '7 days' <= $1
  ORDER BY c.relname`;

/**
 * Detaches and drops every polls partition whose whole range lies before `cutoff`, never part of
 * one; returns their names. DETACH ... CONCURRENTLY (no DEFAULT partition allows it) takes no lock
 * that stops reads or writes of polls: it waits for the transactions that use polls to end
 * instead, so it runs outside a transaction, on a pool connection of its own.
 */
export async function dropPollPartitionsBefore(db: Database, cutoff: Date): Promise<string[]> {
  const client = await db.pool.connect();
  try {
    const { rows } = await client.query<{ name: string; pending: boolean }>(EXPIRED_PARTITIONS, [cutoff]);
    for (const { name, pending } of rows) {
      const table = quoteIdentifier(name);
      // A detach interrupted (a killed worker) leaves the partition pending: finishing it is the only way on.
      await client.query(`ALTER TABLE polls DETACH PARTITION ${table} ${pending ? 'FINALIZE' : 'CONCURRENTLY'}`);
      await client.query(`DROP TABLE ${table}`);
    }
    const leftovers = await client.query<{ name: string }>(DETACHED_LEFTOVERS, [cutoff]);
    for (const { name } of leftovers.rows) await client.query(`DROP TABLE ${quoteIdentifier(name)}`);
    return [...rows, ...leftovers.rows].map((row) => row.name).sort();
  } finally {
    client.release();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
