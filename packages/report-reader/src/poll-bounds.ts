import { Client } from 'pg';
import type { PollBounds } from '@store-monitor/engine';
import type { PrismaClient } from '../generated/client';
import { msFromMicros } from '../instants';

/** The first and latest poll over all stores, from the span each store keeps (no scan of polls). */
const POLL_BOUNDS_SQL = `SELECT
  (extract(epoch FROM min(first_poll_at)) * 1000000)::bigint::text AS first_us,
  (extract(epoch FROM max(last_poll_at)) * 1000000)::bigint::text AS last_us
  FROM stores`;

interface BoundsRow {
  first_us: string | null;
  last_us: string | null;
}

/** The data's poll bounds, or undefined when there are no polls: what a report's as_of is checked against. */
export async function pollBounds(databaseUrl: string): Promise<PollBounds | undefined> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return boundsOf((await client.query<BoundsRow>(POLL_BOUNDS_SQL)).rows[0]);
  } finally {
    await client.end();
  }
}

/** pollBounds through a service's Prisma client (its pool) rather than a connection of its own. */
export async function pollBoundsOf(prisma: PrismaClient): Promise<PollBounds | undefined> {
  const rows = await prisma.$queryRawUnsafe<BoundsRow[]>(POLL_BOUNDS_SQL);
  return boundsOf(rows[0]);
}

function boundsOf(row: BoundsRow): PollBounds | undefined {
  if (row.first_us === null || row.last_us === null) return undefined;
  return { firstMs: msFromMicros(Number(row.first_us)), lastMs: msFromMicros(Number(row.last_us)) };
}
