import type { Database } from './database';

/** A week in microseconds, and where the epoch (a Thursday) sits after the Monday before it. */
const WEEK_US = 7 * 86_400_000_000;
const EPOCH_AFTER_MONDAY_US = 3 * 86_400_000_000;

/**
 * A partition being made waits for locks on polls that a DETACH ... CONCURRENTLY of the retention
 * sweep may hold while it waits for a running ingest: bounded, so that ingest fails (and is
 * retried) instead of waiting forever on itself.
 */
const LOCK_TIMEOUT = '30s';

/** The Monday 00:00 UTC starting the ISO week of an instant, both in microseconds since the epoch. */
export function weekStartUs(us: number): number {
  return Math.floor((us + EPOCH_AFTER_MONDAY_US) / WEEK_US) * WEEK_US - EPOCH_AFTER_MONDAY_US;
}

/** The distinct weeks (their Mondays, in microseconds) that the first `count` instants reach. */
export function weeksReached(instantsUs: ArrayLike<number>, count = instantsUs.length): number[] {
  const weeks = new Set<number>();
  let week = Number.NaN;
  let weekEnd = Number.NaN;
  for (let i = 0; i < count; i++) {
    const us = instantsUs[i];
    // Polls come store by store in time order: most fall in the week of the one before.
    if (us >= week && us < weekEnd) continue;
    week = weekStartUs(us);
    weekEnd = week + WEEK_US;
    weeks.add(week);
  }
  return [...weeks].sort((a, b) => a - b);
}

/**
 * Makes the polls partitions of the weeks given (microseconds, any instant in the week) that do
 * not exist yet, and returns how many it made. Runs in a short transaction of its own on the pool,
 * committed before it returns: a load's long transaction then writes into partitions every other
 * session already sees, and two loads making the same week take turns (the SQL function's lock).
 */
export async function ensurePollPartitions(db: Database, weeksUs: readonly number[]): Promise<number> {
  if (weeksUs.length === 0) return 0;
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const { rows } = await client.query<{ made: number }>(
      `SELECT ensure_poll_partitions(ARRAY(
         SELECT timestamptz 'epoch' + w * interval '1 microsecond' FROM unnest($1::bigint[]) AS w)) AS made`,
      [weeksUs.map((us) => String(us))],
    );
    await client.query('COMMIT');
    return rows[0].made;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
