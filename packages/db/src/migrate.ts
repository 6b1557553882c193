import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { ensureDatabase } from './database-url';

/** The repository root, where prisma.config.ts and prisma/ live. */
const REPO_ROOT = resolve(__dirname, '../../..');

export interface MigrateResult {
  created: boolean;
  output: string;
}

/**
 * Brings a database to the latest migration: creates it if missing, then `prisma migrate deploy`
 * through the CLI (with the driver adapter from prisma.config.ts, so no native engine).
 */
export async function migrateDatabase(databaseUrl: string): Promise<MigrateResult> {
  const created = await ensureDatabase(databaseUrl);
  const output = await runPrisma(['migrate', 'deploy'], databaseUrl);
  return { created, output };
}

/**
 * `migrate deploy` prints its outcome once every migration is committed, then idles about 10 s
 * before it exits (a timer in the CLI that nothing clears). The outcome line ends the wait.
 */
const OUTCOME = /All migrations have been successfully applied|No pending migrations to apply/;

function runPrisma(args: string[], databaseUrl: string): Promise<string> {
  const cli = resolve(dirname(require.resolve('prisma/package.json')), 'build/index.js');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: REPO_ROOT,
      // No update check either: it would wait on a network this may not have.
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
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
