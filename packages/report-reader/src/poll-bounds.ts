import { msFromMicros, type Database, type PrismaClient } from '@store-monitor/db';
import type { PollBounds } from '@store-monitor/engine';

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
export async function pollBounds(db: Database): Promise<PollBounds | undefined> {
  return boundsOf((await db.pool.query<BoundsRow>(POLL_BOUNDS_SQL)).rows[0]);
}

/** pollBounds through a Prisma client (the API's short queries go through it). */
export async function pollBoundsOf(prisma: PrismaClient): Promise<PollBounds | undefined> {
  const rows = await prisma.$queryRawUnsafe<BoundsRow[]>(POLL_BOUNDS_SQL);
  return boundsOf(rows[0]);
}

function boundsOf(row: BoundsRow): PollBounds | undefined {
  if (row.first_us === null || row.last_us === null) return undefined;
  return { firstMs: msFromMicros(Number(row.first_us)), lastMs: msFromMicros(Number(row.last_us)) };
}

/** Whether the database holds any poll at all (false on a first start, before any ingest). */
export async function hasPolls(db: Database): Promise<boolean> {
  const { rows } = await db.pool.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM polls) AS any');
  return rows[0].any;
}
