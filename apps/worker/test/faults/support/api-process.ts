import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from '@store-monitor/test-support';

export const API_MAIN = resolve(__dirname, '../../../../api/dist/main.js');

/** `node apps/api/dist/main.js` as an operator runs it, on a port of its own. */
export class ApiProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    if (!existsSync(API_MAIN))
      throw new Error(`${API_MAIN} is missing: run "npx tsc -b apps/api" (npm test builds it)`);
    const settings = {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      BULL_BOARD_PASSWORD: 'fault-suite-board-password',
    };
    this.child = spawn(process.execPath, [API_MAIN], {
      env: { ...process.env, ...settings },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (process.env.DEBUG_WORKER) process.stderr.write(`[api ${this.child.pid}] ${line}\n`);
      });
    }
    this.exited = new Promise((resolvePromise) => this.child.on('exit', (code) => resolvePromise(code)));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  ready(): Promise<true> {
    return waitFor('the API to be ready', 30_000, async () =>
      this.lines.some((line) => line.includes('store-monitor API ready')),
    );
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends an API a test left running; only this test's own child process. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
