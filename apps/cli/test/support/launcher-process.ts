import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { CLI } from '../run-cli';

const ROOT = resolve(__dirname, '../../../..');

/**
 * `store-monitor start` as a terminal runs it: the leader of its own process group (a foreground
 * job), so pressCtrlC() reaches every process in that group, as the terminal's SIGINT would. Every
 * line the launcher and its services print is kept, in the order written.
 */
export class LauncherProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<number | null>;
  /** Resolves once no process holds the output open: the launcher and every service it started are gone. */
  readonly outputClosed: Promise<void>;
  private readonly child: ChildProcess;

  /** `command` defaults to the built `store-monitor start ...args`; `viaNpm` runs the README's `npm start`. */
  constructor(
    args: string[],
    env: Record<string, string>,
    command: string[] = [process.execPath, CLI, 'start', ...args],
  ) {
    // One pipe for standard output and error, so lines keep the order they were written in.
    this.child = spawn('/bin/sh', ['-c', 'exec "$0" "$@" 2>&1', ...command], {
      cwd: ROOT,
      // Its services' lines as a terminal shows them (on a pipe they would be JSON).
      env: { ...process.env, LOG_FORMAT: 'pretty', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const streams = [this.child.stdout!, this.child.stderr!];
    for (const stream of streams) {
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        if (process.env.DEBUG_LAUNCHER) process.stderr.write(`[launcher] ${line}\n`);
      });
    }
    this.outputClosed = Promise.all(streams.map((stream) => new Promise((done) => stream.on('close', done)))).then(
      () => undefined,
    );
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }

  /**
   * `npm start` as a user types it, in a shell without the npm_* settings an outer `npm test`
   * passes down: npm and its script shell are then in the process group that Ctrl-C reaches too.
   */
  static viaNpm(env: Record<string, string>): LauncherProcess {
    const outer = Object.keys(process.env).filter((name) => /^npm_/i.test(name));
    const unset = Object.fromEntries(outer.map((name) => [name, undefined])) as unknown as Record<string, string>;
    return new LauncherProcess([], { ...unset, ...env }, ['npm', 'start']);
  }

  get log(): string {
    return this.lines.join('\n');
  }

  /** The last line printed, once the launcher and its services have exited. */
  get lastLine(): string {
    return this.lines.filter((line) => line.trim() !== '').at(-1) ?? '';
  }

  count(text: string): number {
    return this.lines.filter((line) => line.includes(text)).length;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** SIGINT to the whole process group, as a terminal sends it on Ctrl-C. */
  pressCtrlC(): void {
    process.kill(-this.child.pid!, 'SIGINT');
  }

  async waitForLine(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.some((line) => line.includes(text))) {
      if (this.child.exitCode !== null)
        throw new Error(
          `the launcher exited (${this.child.exitCode}) before printing "${text}"; its log:\n${this.log}`,
        );
      if (Date.now() > deadline) throw new Error(`no line with "${text}" after ${timeoutMs} ms; the log:\n${this.log}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  /** Ends a launcher a failed test left running: only this test's own process group. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(-this.child.pid!, 'SIGKILL');
    await this.exited;
  }
}
