import { createPrismaClient, ReportRecords, type PrismaClient } from '@store-monitor/db';
import { globalPlugin } from './global-plugin';

export interface PrismaPluginOptions {
  databaseUrl: string;
  /** A client owned by the caller (not disconnected here); otherwise one is made and closed with the app. */
  prisma?: PrismaClient;
}

/** The database client and the reports table, as `app.prisma` and `app.reports`. */
export const prismaPlugin = globalPlugin<PrismaPluginOptions>('prisma', async (app, opts) => {
  const prisma = opts.prisma ?? createPrismaClient(opts.databaseUrl);
  app.decorate('prisma', prisma);
  app.decorate('reports', new ReportRecords(prisma));
  if (opts.prisma === undefined) app.addHook('onClose', () => prisma.$disconnect());
});
