import { InputError } from '@store-monitor/csv';
import { DatabaseError } from './database-error';
import { OutputError } from './output-error';
import { USAGE } from './usage';
import { UsageError } from './usage-error';

// Each command loads its own modules when it runs: a report should not pay for the generator.
// A command that returns a number exits with it (start: 1 when a service died).
const COMMANDS: Record<string, (args: string[]) => Promise<void | number>> = {
  report: (args) => (require('./commands/report.js') as typeof import('./commands/report.js')).reportCommand(args),
  generate: (args) => (require('./commands/generate.js') as typeof import('./commands/generate.js')).generateCommand(args),
  ingest: (args) => (require('./commands/ingest.js') as typeof import('./commands/ingest.js')).ingestCommand(args),
  start: (args) => (require('./commands/start.js') as typeof import('./commands/start.js')).startCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) return fail(`unknown command "${name}"`, true);
  try {
    return (await command(args)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, true);
    if (error instanceof InputError || error instanceof OutputError || error instanceof DatabaseError) {
      return fail(error.message, false);
    }
    throw error;
  }
}

function fail(message: string, showUsage: boolean): number {
  process.stderr.write(`store-monitor: ${message}\n${showUsage ? `\n${USAGE}` : ''}`);
  return 2;
}

// A closed pipe (for example `| head`) is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`store-monitor: unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
