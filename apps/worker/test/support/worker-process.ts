import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const WORKER_MAIN = resolve(__dirname, '../../dist/main.js');

/** `node apps/worker/dist/main.js` as an operator runs it, with its log lines kept. */
export class WorkerProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly events = new EventEmitter();

  constructor(env: Record<string, string>) {
    if (!existsSync(WORKER_MAIN))
      throw new Error(`${WORKER_MAIN} is missing: run "npx tsc -b apps/worker" (npm test builds it)`);
    // Not on a terminal, the worker would log JSON: the tests read the pretty lines a person would.
    const settings = { ...process.env, LOG_FORMAT: 'pretty', ...env };
    this.child = spawn(process.execPath, [WORKER_MAIN], { env: settings, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        this.events.emit('line', line);
        if (process.env.DEBUG_WORKER) process.stderr.write(`[${this.child.pid}] ${line}\n`);
      });
    }
    this.exited = new Promise((resolvePromise) => this.child.on('exit', (code) => resolvePromise(code)));
  }

  /** Resolves as the line arrives (not on a poll), so a test can act while the worker is mid-job. */
  waitForLine(text: string, timeoutMs = 30_000): Promise<string> {
    const found = this.lines.find((line) => line.includes(text));
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.events.off('line', onLine);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for a worker log line with "${text}"`));
      }, timeoutMs);
      const onLine = (line: string) => {
        if (!line.includes(text)) return;
        clearTimeout(timer);
        this.events.off('line', onLine);
        resolvePromise(line);
      };
      this.events.on('line', onLine);
    });
  }

  /** The name the worker records on its jobs (processedBy). */
  async name(): Promise<string> {
    const line = await this.waitForLine('worker started ');
    return / name=(\S+)/.exec(line)![1];
  }

  /** The process id, to read its memory from /proc. */
  get pid(): number {
    return this.child.pid as number;
  }

  count(text: string): number {
    return this.lines.filter((line) => line.includes(text)).length;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Ends a worker a test left running; only this test's own child process. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
