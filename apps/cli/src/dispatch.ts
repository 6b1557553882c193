import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '@store-monitor/csv';
import { CommandError } from './command-error';
import { DatabaseError } from './database-setup';
import { OutputError } from './write-output';
import { UsageError } from './parse-args';
import { COMMAND_USAGE, OVERVIEW } from './usage-text';

/** A command's own exit code when it returns one; otherwise whatever it left in process.exitCode (0). */
export type Command = (args: string[]) => Promise<number | void>;

/** Bad arguments or input the command cannot use: the caller has something to fix. */
const EXIT_BAD_CALL = 2;

const HELP = new Set(['--help', '-h']);
const VERSION = new Set(['--version', '-v']);

/**
 * Runs `store-monitor <command> [args]` and returns the exit code. Help and the version are
 * answered here, before any command parses its options, so every command gets the same `--help`.
 */
export async function dispatch(argv: readonly string[], commands: Readonly<Record<string, Command>>): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) return fail(OVERVIEW);
  if (HELP.has(name)) return say(OVERVIEW);
  if (VERSION.has(name)) return say(`store-monitor ${cliVersion()}\n`);
  if (name === 'help') return help(args, commands);
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    return usageError(undefined, name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`);
  }
  if (asksForHelp(args)) return say(COMMAND_USAGE[name] ?? OVERVIEW);
  return run(name, command, args);
}

async function run(name: string, command: Command, args: string[]): Promise<number> {
  try {
    const code = await command(args);
    return code ?? (typeof process.exitCode === 'number' ? process.exitCode : 0);
  } catch (error) {
    if (error instanceof UsageError) return usageError(name, error.message);
    if (error instanceof CommandError) return fail(`store-monitor ${name}: ${error.message}\n`);
    if (error instanceof InputError || error instanceof OutputError || error instanceof DatabaseError) {
      return fail(`store-monitor: ${error.message}\n`);
    }
    throw error;
  }
}

/** `help` alone is the overview; `help <command>` that command's help. */
function help(args: string[], commands: Readonly<Record<string, Command>>): number {
  const [topic, extra] = args;
  if (extra !== undefined) return usageError('help', `unexpected argument "${extra}"`);
  if (topic === undefined || HELP.has(topic)) return say(OVERVIEW);
  if (!Object.hasOwn(commands, topic)) return usageError('help', `unknown command "${topic}"`);
  return say(COMMAND_USAGE[topic] ?? OVERVIEW);
}

/** `--help` or `-h` anywhere before a `--` that ends the options. */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => HELP.has(arg));
}

/** One line saying what was wrong, one saying where the usage is: never the whole usage again. */
function usageError(command: string | undefined, message: string): number {
  const said = command === undefined ? 'store-monitor' : `store-monitor ${command}`;
  const helpOf = command === undefined || command === 'help' ? 'store-monitor' : said;
  return fail(`${said}: ${message}\nrun "${helpOf} --help" for usage\n`);
}

/** The command's version, from apps/cli/package.json (one level above both src and dist). */
function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function say(text: string): number {
  process.stdout.write(text);
  return 0;
}

function fail(text: string): number {
  process.stderr.write(text);
  return EXIT_BAD_CALL;
}
