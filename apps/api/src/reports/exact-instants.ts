import type { PrismaClient } from '@store-monitor/db';
import { formatInstant } from '@store-monitor/engine';

/** A report's as_of and now as exact ISO text (microseconds kept), null when unset. */
export interface ExactInstants {
  asOf: string | null;
  now: string | null;
}

interface Row {
  id: string;
  as_of_us: string | null;
  now_us: string | null;
}

/**
 * as_of and now of these reports to the microsecond. The table keeps microseconds but a Prisma
 * Date keeps milliseconds: a now shown as ...26.217Z when it was ...26.217913Z would, given back
 * as as_of, leave out the very poll that made it. Unknown ids are absent from the map.
 */
export async function exactInstants(prisma: PrismaClient, ids: string[]): Promise<Map<string, ExactInstants>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<Row[]>`SELECT id::text AS id,
    (extract(epoch FROM as_of) * 1000000)::bigint::text AS as_of_us,
    (extract(epoch FROM now) * 1000000)::bigint::text AS now_us
    FROM reports WHERE id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((row) => [row.id, { asOf: instantText(row.as_of_us), now: instantText(row.now_us) }]));
}

function instantText(micros: string | null): string | null {
  return micros === null ? null : formatInstant(Number(micros) / 1000);
}
