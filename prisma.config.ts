import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// The Prisma CLI reads the schema's datasource URL even to generate the client; without one it
// falls back to downloading native engines, which this project never uses. So: a default.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/store_monitor';

/** What the adapter holds at run time beside its declared methods (see WholeScriptPg). */
interface ScriptRunner {
  client: { query(text: string): Promise<unknown> };
  onError(error: unknown): never;
}

/**
 * The driver adapter, except that a migration's script goes to PostgreSQL whole, as one simple
 * query: PostgreSQL runs it as one implicit transaction (a migration applies entirely or not at
 * all) and parses it itself. The adapter's own executeScript splits the script at every `;` and
 * sends the pieces one by one on whichever pooled connection is free: that breaks any function
 * body (prisma/migrations/20261204120000_partitioned_polls) and commits a failed migration halfway.
 */
class WholeScriptPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const runner = adapter as unknown as ScriptRunner;
    adapter.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  }
}

/**
 * Prisma without native engines: the TypeScript query compiler at run time ("client" engine in
 * the schema) and, for migrations, the node-postgres driver adapter.
 */
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  // PRISMA_MIGRATIONS_DIR: a test's copy holding only the older migrations (packages/db migrate.ts).
  migrations: { path: process.env.PRISMA_MIGRATIONS_DIR ?? path.join('prisma', 'migrations') },
  async adapter() {
    // The CLI never closes the adapter's pool: without allowExitOnIdle every `migrate` would wait
    // out the pool's 10 s idle timeout before exiting.
    return new WholeScriptPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true });
  },
});
