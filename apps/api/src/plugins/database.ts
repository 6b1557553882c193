import { createDatabase, ReportRecords, type Database } from '@store-monitor/db';
import { globalPlugin } from './global-plugin';

export interface DatabasePluginOptions {
  databaseUrl: string;
  /** Uploads loaded at once (UPLOAD_CONCURRENCY): each holds a connection for its transaction. */
  uploadConcurrency: number;
  /** A handle owned by the caller (not closed here); otherwise one is made and closed with the app. */
  db?: Database;
}

/** The process's database handle, its Prisma client and the reports table: `app.db`, `app.prisma`, `app.reports`. */
export const databasePlugin = globalPlugin<DatabasePluginOptions>('database', async (app, opts) => {
  const db = opts.db ?? createDatabase(opts.databaseUrl, { heldConnections: opts.uploadConcurrency });
  app.decorate('db', db);
  app.decorate('prisma', db.prisma);
  app.decorate('reports', new ReportRecords(db.prisma));
  if (opts.db === undefined) app.addHook('onClose', () => db.close());
});
