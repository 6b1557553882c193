export { DEFAULT_DATABASE_URL, parseDatabaseUrl, ensureDatabase, dropDatabase } from './database-url';
export { migrateDatabase, type MigrateOptions } from './migrate';
export { createDatabase, inTransaction, withDatabase, type Database } from './database';
export type { PrismaClient } from './generated/client';
export { copyOutBinary } from './copy-out-binary';
export { microsFromMs, microsFromPg, msFromMicros, pgHalves } from './instants';
export { ReportRecords, type ReportRecord, type ReportRequest, type ReportStatus } from './report-records';
export { ensurePollPartitions, weekStartUs, weeksReached } from './poll-partitions';
export { dropPollPartitionsBefore } from './poll-retention';
