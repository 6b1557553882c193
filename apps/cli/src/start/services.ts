import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * The services' entry points, by path: the launcher starts them as processes of their own, as a
 * deployment would, and imports none of their code.
 */
const REPO = resolve(__dirname, '../../../..');
export const SERVICE_ENTRY = {
  api: resolve(REPO, 'apps/api/dist/main.js'),
  worker: resolve(REPO, 'apps/worker/dist/main.js'),
} as const;

export interface Service {
  name: string;
  child: ChildProcess;
  exited: Promise<number>;
}

/** Starts one service, by default with the launcher's terminal as its own. */
export function startService(name: string, entry: string, env: NodeJS.ProcessEnv, stdio: 'inherit' | 'ignore' = 'inherit'): Service {
  const child = spawn(process.execPath, [entry], { env, stdio });
  const exited = new Promise<number>((done) => {
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
    child.on('error', () => done(1));
  });
  return { name, child, exited };
}

/** Waits until `url` answers 200, or gives up after `timeoutMs`. */
export async function waitForReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  return false;
}

/** Asks a service to stop (SIGTERM: it finishes what it has in hand) and waits until it has. */
export async function stopService(service: Service): Promise<number> {
  if (service.child.exitCode === null) service.child.kill('SIGTERM');
  return service.exited;
}
