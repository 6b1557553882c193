import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureDatabase } from './database-url';

/** The repository root, where prisma.config.ts and prisma/ live. */
const REPO_ROOT = resolve(__dirname, '../../..');

/** The migrations folder prisma.config.ts reads unless PRISMA_MIGRATIONS_DIR names another. */
const MIGRATIONS_DIR = join(REPO_ROOT, 'prisma', 'migrations');

export interface MigrateOptions {
  /**
   * Stop after this migration (a folder name under prisma/migrations): a database as an older
   * release left it, for a test of the migrations that follow. Unset: every migration.
   */
  through?: string;
  /** A migrations folder of the test's own instead of prisma/migrations (with `through`: copied from it). */
  migrationsDir?: string;
}

export interface MigrateResult {
  created: boolean;
  output: string;
}

/**
 * Brings a database to the latest migration: creates it if missing, then `prisma migrate deploy`
 * through the CLI (with the driver adapter from prisma.config.ts, so no native engine).
 */
export async function migrateDatabase(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const created = await ensureDatabase(databaseUrl);
  const source = options.migrationsDir ?? MIGRATIONS_DIR;
  if (options.through === undefined) {
    const env = options.migrationsDir === undefined ? {} : { PRISMA_MIGRATIONS_DIR: options.migrationsDir };
    return { created, output: await runPrisma(['migrate', 'deploy'], databaseUrl, env) };
  }
  const folder = migrationsThrough(source, options.through);
  try {
    return { created, output: await runPrisma(['migrate', 'deploy'], databaseUrl, { PRISMA_MIGRATIONS_DIR: folder }) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A temporary copy of a migrations folder holding those up to `last` (and the lock file). */
function migrationsThrough(source: string, last: string): string {
  const names = readdirSync(source);
  if (!names.includes(last)) throw new Error(`no migration named "${last}" in ${source}`);
  const folder = mkdtempSync(join(tmpdir(), 'store-monitor-migrations-'));
  // Migration folders start with their timestamp, so names sort in the order they apply.
  for (const name of names.filter((n) => n.endsWith('.toml') || n <= last)) {
    cpSync(join(source, name), join(folder, name), { recursive: true });
  }
  return folder;
}

/**
 * `migrate deploy` prints its outcome once every migration is committed, then idles about 10 s
 * before it exits (a timer in the CLI that nothing clears). The outcome line ends the wait.
 */
const OUTCOME = /All migrations have been successfully applied|No pending migrations to apply/;

function runPrisma(args: string[], databaseUrl: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  const cli = resolve(dirname(require.resolve('prisma/package.json')), 'build/index.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: REPO_ROOT,
      // No update check either: it would wait on a network this may not have.
      env: {
        ...process.env,
        ...extraEnv,
        DATABASE_URL: databaseUrl,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    });
    let output = '';
    let done = false;
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (done || !OUTCOME.test(output)) return;
      done = true;
      child.kill('SIGTERM');
      resolvePromise(output);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('error', reject);
    child.on('close', (code) => {
      if (done) return;
      if (code === 0) resolvePromise(output);
      else reject(new Error(`prisma ${args.join(' ')} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
