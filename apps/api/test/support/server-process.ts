import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

/** The built API entry point; `npm test` builds it first. */
export const MAIN = resolve(__dirname, '../../dist/main.js');

/** The API run as a process, as deployed, with everything it writes collected. */
export class ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  output = '';
  readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];

  /** `shellFirst`: a bash command run before the API replaces the shell (`ulimit -f 64`). */
  constructor(vars: Record<string, string>, shellFirst?: string) {
    const env = { ...process.env, ...vars };
    this.child =
      shellFirst === undefined
        ? spawn(process.execPath, [MAIN], { env })
        : spawn('bash', ['-c', `${shellFirst}; exec "$0" "$1"`, process.execPath, MAIN], { env });
    const collect = (chunk: Buffer): void => {
      this.output += chunk.toString();
      for (const wake of this.waiters.splice(0)) wake();
    };
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
    this.exited = new Promise((resolveExit) => this.child.on('exit', (code) => resolveExit(code)));
  }

  /** The match of the first output line matching `pattern`, once it has been written. */
  async waitForLine(pattern: RegExp): Promise<RegExpMatchArray> {
    for (;;) {
      const match = this.output
        .split('\n')
        .map((line) => pattern.exec(line))
        .find((m) => m !== null);
      if (match) return match;
      if (this.child.exitCode !== null)
        throw new Error(`server exited ${this.child.exitCode} before ${pattern}:\n${this.output}`);
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }
}
