import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

/**
 * PostgreSQL connections one Prisma client may hold at once (node-postgres's own default is 10).
 * The API's and the workers' queries through Prisma are short (a record, a count), so a few
 * connections serve them; a process's loads (uploads, ingest) open their own connection each, and
 * are bounded on their own (UPLOAD_CONCURRENCY in the API).
 */
export const PRISMA_POOL_MAX = 5;

/** A Prisma client over node-postgres (no native query engine), holding at most PRISMA_POOL_MAX connections. */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: PRISMA_POOL_MAX }) });
}

export type { PrismaClient };
