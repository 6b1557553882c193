// Versions: prisma and @prisma/client 6.19.3 beside @prisma/adapter-pg 7.10.1, on purpose. The
// 6.19 adapter cannot read PostgreSQL `name` columns, which `prisma migrate deploy` needs. All
// three at 7.10 was tried offline: `prisma generate` works, but Prisma 7's CLI runs migrations
// only through its native schema engine, downloaded at first use from Prisma's own host (not the
// npm registry), and its config has no driver-adapter mode any more; 6.19's CLI migrates through
// the adapter with the WebAssembly engine it ships. So migrate deploy cannot run offline on 7.
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { PrismaClient } from './generated/client';

/**
 * A Prisma client over node-postgres (no native query engine) running its queries on `pool`, the
 * process's one pool (database.ts), which it neither sizes nor ends.
 */
export function prismaOnPool(pool: Pool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

export type { PrismaClient };
