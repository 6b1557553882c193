import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

/** A Prisma client over node-postgres (no native query engine). */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

export type { PrismaClient };
