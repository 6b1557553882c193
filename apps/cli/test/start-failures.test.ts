import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteKeys, listenPort, testDatabaseUrl, uniquePrefix } from '@store-monitor/test-support';
import { runCli } from './run-cli';
import { databaseExists } from './support/database-exists';
import { LauncherProcess } from './support/launcher-process';

/**
 * `store-monitor start` when it cannot run as asked: a busy port is one line and exit 2 before
 * anything starts; a service that dies takes the others down and the launcher exits 1, naming it.
 */
const database = testDatabaseUrl();
const prefix = uniquePrefix('sm-start-failures');
const launchers: LauncherProcess[] = [];

afterAll(async () => {
  await Promise.all(launchers.map((launcher) => launcher.stop()));
  await deleteKeys(prefix);
  await database.drop();
});

function spareEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    PORT: String(listenPort()),
    QUEUE_PREFIX: prefix,
    REPORTS_DIR: mkdtempSync(join(tmpdir(), 'store-monitor-start-failures-')),
    ...extra,
  };
}

async function listenOn(host: string): Promise<Server & { port: number }> {
  const server = createServer();
  await new Promise<void>((done) => server.listen({ host, port: 0 }, done));
  return Object.assign(server, { port: (server.address() as { port: number }).port });
}

describe('store-monitor start, when it cannot run', () => {
  it.each(['127.0.0.1', '0.0.0.0'])(
    'says in one line that the port is taken (by a server on %s) and exits 2, starting nothing',
    async (busyHost) => {
      const server = await listenOn(busyHost);
      try {
        const result = runCli(['start'], spareEnv({ PORT: String(server.port) }));
        expect(result).toEqual({
          status: 2,
          stdout: '',
          stderr: `store-monitor: port ${server.port} on 127.0.0.1 is already in use (another store-monitor?); set PORT to choose another\n`,
        });
        expect(await databaseExists(database.url)).toBe(false);
      } finally {
        server.close();
      }
    },
  );

  it('exits 1 and names the service when one dies, stopping the others, with no welcome', async () => {
    const launcher = new LauncherProcess([], spareEnv({ WORKER_CONCURRENCY: 'many' }));
    launchers.push(launcher);
    expect(await launcher.exited).toBe(1);
    expect(launcher.lines).toContain(
      'store-monitor worker: WORKER_CONCURRENCY: must be a whole number from 1 to 64 (got "many")',
    );
    expect(launcher.lines).toContain('store-monitor: worker 1 exited with code 2; stopping the others');
    expect(launcher.lastLine).toBe('store-monitor: worker 1 exited with code 2; stopped cleanly: api');
    expect(launcher.log).not.toContain('store-monitor is running');
  }, 120_000);

  it('exits 1 when the API cannot start, and prints no welcome', async () => {
    const launcher = new LauncherProcess(['--workers', '0'], spareEnv({ BODY_LIMIT_BYTES: 'lots' }));
    launchers.push(launcher);
    expect(await launcher.exited).toBe(1);
    expect(launcher.lastLine).toBe('store-monitor: api exited with code 2');
    expect(launcher.log).not.toContain('store-monitor is running');
  }, 120_000);
});
