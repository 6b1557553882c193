import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// The Prisma CLI reads the schema's datasource URL even to generate the client; without one it
// falls back to downloading native engines, which this project never uses. So: a default.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/store_monitor';

/**
 * Prisma without native engines: the TypeScript query compiler at run time ("client" engine in
 * the schema) and, for migrations, the node-postgres driver adapter.
 */
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    // The CLI never closes the adapter's pool: without allowExitOnIdle every `migrate` would wait
    // out the pool's 10 s idle timeout before exiting.
    return new PrismaPg({ connectionString: process.env.DATABASE_URL, allowExitOnIdle: true });
  },
});
