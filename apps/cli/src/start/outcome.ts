import type { ServiceExit } from './services';

export interface NamedExit extends ServiceExit {
  name: string;
}

/** How one service ended, in words: `worker 1 exited with code 2`. */
export function describeExit({ name, code, signal }: NamedExit): string {
  if (signal) return `${name} was killed by ${signal}`;
  return code === 0 ? `${name} stopped on its own` : `${name} exited with code ${code}`;
}

/**
 * The launcher's last line and exit code. Clean means: a stop was asked for and every service
 * exited 0. A service that stopped unasked is a failure even with code 0: the product is down.
 */
export function outcome(exits: NamedExit[], unasked: string | undefined): { line: string; code: number } {
  const failed = exits.filter((exit) => exit.code !== 0 || exit.name === unasked);
  const clean = exits.filter((exit) => !failed.includes(exit)).map((exit) => exit.name);
  if (failed.length === 0) return { line: `store-monitor: stopped cleanly (${clean.join(', ')})`, code: 0 };
  const rest = clean.length > 0 ? `; stopped cleanly: ${clean.join(', ')}` : '';
  return { line: `store-monitor: ${failed.map(describeExit).join(', ')}${rest}`, code: 1 };
}
