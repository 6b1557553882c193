/** The part of a pg client untilLockWaiters uses (this package does not depend on pg itself). */
interface Queryable {
  query(sql: string): Promise<{ rows: unknown[] }>;
}

/**
 * Waits until `count` other sessions of the client's database wait on a lock: for tests that hold
 * a lock and need the other side to be blocked on it before they let go.
 */
export async function untilLockWaiters(client: Queryable, count: number): Promise<void> {
  for (;;) {
    // A transaction sees one snapshot of pg_stat_activity unless told to take a new one.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
    );
    if ((rows[0] as { n: number }).n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
