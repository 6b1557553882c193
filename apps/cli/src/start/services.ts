import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
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

/** How a service ended: its exit code, or the signal that killed it (code 128 + its number). */
export interface ServiceExit {
  code: number;
  signal: NodeJS.Signals | null;
}

export interface Service {
  name: string;
  child: ChildProcess;
  exit: Promise<ServiceExit>;
  /** The exit code alone. */
  exited: Promise<number>;
}

/**
 * Starts one service, by default with the launcher's terminal as its own. It runs in a process
 * group of its own (detached), so a Ctrl-C in the terminal reaches the launcher only and each
 * service gets the launcher's one SIGTERM instead of two signals. The IPC channel lets a service
 * notice when the launcher is gone (even killed) and stop too, and lets the API say it listens.
 */
export function startService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'ignore' = 'inherit',
): Service {
  const child = spawn(process.execPath, [entry], { env, stdio: [stdio, stdio, stdio, 'ipc'], detached: true });
  const exit = new Promise<ServiceExit>((done) => {
    child.on('exit', (code, signal) => done({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), signal }));
    child.on('error', () => done({ code: 1, signal: null }));
  });
  return { name, child, exit, exited: exit.then(({ code }) => code) };
}

/** Asks a service to stop (SIGTERM: it finishes what it has in hand) and waits until it has. */
export async function stopService(service: Service): Promise<number> {
  if (isRunning(service)) service.child.kill('SIGTERM');
  return service.exited;
}

export function isRunning(service: Service): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
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
