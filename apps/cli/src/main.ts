import { dispatch, type Command } from './dispatch';

// Each command loads its own modules when it runs: a report should not pay for the generator.
const COMMANDS: Readonly<Record<string, Command>> = {
  report: (args) => (require('./commands/report.js') as typeof import('./commands/report.js')).reportCommand(args),
  generate: (args) =>
    (require('./commands/generate.js') as typeof import('./commands/generate.js')).generateCommand(args),
  ingest: (args) => (require('./commands/ingest.js') as typeof import('./commands/ingest.js')).ingestCommand(args),
  explain: (args) => (require('./commands/explain.js') as typeof import('./commands/explain.js')).explainCommand(args),
  start: (args) => (require('./commands/start.js') as typeof import('./commands/start.js')).startCommand(args),
};

// A closed pipe (for example `| head`) is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

dispatch(process.argv.slice(2), COMMANDS).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const detail = error instanceof Error ? error.stack : String(error);
    process.stderr.write(`store-monitor: unexpected failure: ${detail}\n`);
    process.exitCode = 1;
  },
);
