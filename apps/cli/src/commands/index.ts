import type { Command } from '../dispatch';

// Each command loads its own modules when it runs: a report should not pay for the generator.
export const COMMANDS: Readonly<Record<string, Command>> = {
  report: (args) => (require('./report.js') as typeof import('./report.js')).reportCommand(args),
  generate: (args) => (require('./generate.js') as typeof import('./generate.js')).generateCommand(args),
  ingest: (args) => (require('./ingest.js') as typeof import('./ingest.js')).ingestCommand(args),
  start: (args) => (require('./start.js') as typeof import('./start.js')).startCommand(args),
};
