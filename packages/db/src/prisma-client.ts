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
