export { DEFAULT_DATABASE_URL, parseDatabaseUrl, databaseName, ensureDatabase, dropDatabase } from './database-url';
export { migrateDatabase, type MigrateResult } from './migrate';
export { hasPolls } from './has-polls';
export { createPrismaClient, type PrismaClient } from './prisma-client';
export * from './ingest';
export * from './report';
export * from './reports';
