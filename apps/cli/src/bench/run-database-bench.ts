// `node apps/cli/dist/bench/run-database-bench.js` (after `npm run build`): the database part of
// `npm run bench` alone (ingest, report --db, timelines, the services), on the data set `npm run
// bench` generates, with the engine time it needs measured the same way, in fewer pairs.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runDatabaseBench } from './database-bench';
import { runFileReportCase } from './file-report-bench';
import { measureCommand } from './measure';

const REPO = resolve(__dirname, '../../../..');
const WORK_DIR = join(REPO, '.bench');
const DATA_DIR = join(WORK_DIR, 'loop-2023-14000x7');
const CLI = join(REPO, 'apps/cli/bin/store-monitor.js');
const READ_LINES = join(__dirname, 'read-lines.js');
const ENGINE_PAIRS = 5;

async function main(): Promise<void> {
  const polls = join(DATA_DIR, 'store_status.csv');
  if (!existsSync(polls)) throw new Error(`${polls} is missing: run \`npm run bench -- file\` once to generate it`);
  process.stderr.write(`the file report's engine time: ${ENGINE_PAIRS} pairs of runs, reading then report ...\n`);
  const file = (name: string) => join(DATA_DIR, name);
  const inputs = ['--polls', polls, '--hours', file('menu_hours.csv'), '--timezones', file('timezones.csv')];
  const { readSeconds, reportSeconds } = runFileReportCase({
    pollsFile: polls,
    reportArgs: ['report', ...inputs, '--out', join(WORK_DIR, 'report.csv')],
    runs: ENGINE_PAIRS,
    cli: CLI,
    readLines: READ_LINES,
  });
  process.stdout.write(
    `file report ${reportSeconds.toFixed(2)} s median, reading ${readSeconds.toFixed(2)} s median ` +
      `(${ENGINE_PAIRS} pairs)\n`,
  );
  process.stderr.write(
    'database benchmark: a fresh database, then ingest, re-ingest, report --db and the services ...\n',
  );
  const rows = await runDatabaseBench({
    pollsFile: polls,
    workDir: WORK_DIR,
    engineSeconds: Math.max(0, reportSeconds - readSeconds),
    measureCli: (args) => measureCommand(CLI, args),
  });
  process.stdout.write('database benchmark (beside psql from the same run)\n');
  for (const [name, value] of rows) process.stdout.write(`  ${name.padEnd(32)} ${value}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
