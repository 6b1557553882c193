// `npm run bench`: the file-report benchmark of the contract's engine on real schedules.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runDatabaseBench } from './database-bench';
import { runFeaturesBench } from './features-bench';
import { runLoadBench } from './load-bench';
import { type FileReportResult, runFileReportCase } from './file-report-bench';
import { measureCommand } from './measure';
import { runMessyCase } from './messy-bench';
import { ensureMessyPolls, MESSY_SEED } from './messy-polls';
import { ensureShuffledPolls, SHUFFLE_SEED } from './shuffled-polls';

const REPO = resolve(__dirname, '../../../..');
const REAL_DATA = resolve(REPO, '../shared/data/loop-2023');
/** The generated week ends about where the real data's polls end (the schedules may come from it). */
const DATA_END = '2023-01-25T18:13:22Z';
const WORK_DIR = join(REPO, '.bench');
// The installed command, as users run it (its own node flags included).
const CLI = join(REPO, 'apps/cli/bin/store-monitor.js');
const READ_LINES = join(__dirname, 'read-lines.js');
const RUNS = 7;

function ensureDataSet(): string {
  const dir = join(WORK_DIR, 'loop-2023-14000x7');
  // The generator is deterministic; a folder from before special days is made again.
  if (existsSync(join(dir, 'store_status.csv')) && existsSync(join(dir, 'special_hours.csv'))) return dir;
  const realSchedules = existsSync(REAL_DATA)
    ? ['--hours-from', join(REAL_DATA, 'menu_hours.csv'), '--timezones-from', join(REAL_DATA, 'timezones.csv')]
    : [];
  if (realSchedules.length === 0) process.stderr.write(`note: ${REAL_DATA} not found; generated schedules used\n`);
  const generate = ['generate', '--out', dir, '--stores', '14000', '--days', '7', '--seed', '2023', '--end', DATA_END];
  process.stderr.write('generating the benchmark data set (once; cached in .bench/) ...\n');
  measureCommand(CLI, [...generate, ...realSchedules]);
  return dir;
}

async function main(): Promise<void> {
  const dir = ensureDataSet();
  const polls = join(dir, 'store_status.csv');
  const { readSeconds, reportSeconds } = runFileReports(dir, polls);
  runMessyFile(dir, polls);

  process.stderr.write(`special days and --max-gap: ${RUNS} pairs of reports, without then with ...\n`);
  const features = runFeaturesBench({
    dataDir: dir,
    workDir: WORK_DIR,
    runs: RUNS,
    measureCli: (args) => measureCommand(CLI, args),
  });
  process.stdout.write(`special days and unknown time (${RUNS} pairs of runs, without then with both)\n`);
  for (const [name, value] of features) process.stdout.write(`  ${name.padEnd(32)} ${value}\n`);
  // `npm run bench -- file`: the file report and the features only, no database or services.
  if (process.argv.includes('file')) return;

  process.stderr.write(
    'database benchmark: a fresh database, then ingest, re-ingest, report --db and the services ...\n',
  );
  const database = await runDatabaseBench({
    pollsFile: polls,
    workDir: WORK_DIR,
    engineSeconds: Math.max(0, reportSeconds - readSeconds),
    measureCli: (args) => measureCommand(CLI, args),
  });
  process.stdout.write(
    'database benchmark (ingest once each, report --db in 5 pairs, beside psql from the same run)\n',
  );
  for (const [name, value] of database) process.stdout.write(`  ${name.padEnd(32)} ${value}\n`);

  process.stderr.write('load benchmark: 200 reports and 2,000 get_report calls on the sample data ...\n');
  const load = await runLoadBench();
  process.stdout.write('load benchmark (sample data, one API and two workers)\n');
  for (const [name, value] of load) process.stdout.write(`  ${name.padEnd(32)} ${value}\n`);
}

/**
 * The file report on both orders of the same polls, each against the reference on its own file;
 * the two reports must be the same bytes. Returns the time-ordered figures.
 */
function runFileReports(dir: string, polls: string): FileReportResult {
  const shuffled = join(dir, `store_status-shuffled-${SHUFFLE_SEED}.csv`);
  ensureShuffledPolls(polls, shuffled);
  const orders = [
    { name: 'time order', pollsFile: polls, out: join(WORK_DIR, 'report.csv') },
    { name: `shuffled, seed ${SHUFFLE_SEED}`, pollsFile: shuffled, out: join(WORK_DIR, 'report-shuffled.csv') },
  ];
  const results = orders.map((order) => {
    process.stderr.write(`file report, polls in ${order.name}: ${RUNS} pairs of runs ...\n`);
    const result = runFileReportCase({
      pollsFile: order.pollsFile,
      reportArgs: ['report', ...weeklyFiles(dir, order.pollsFile), '--out', order.out],
      runs: RUNS,
      cli: CLI,
      readLines: READ_LINES,
    });
    process.stdout.write(`file report, polls in ${order.name} (${RUNS} pairs of runs, reference then report)\n`);
    for (const [name, value] of result.rows) process.stdout.write(`  ${name.padEnd(32)} ${value}\n`);
    return result;
  });
  const sameBytes = readFileSync(orders[0].out).equals(readFileSync(orders[1].out));
  process.stdout.write(`  ${'both orders, same report bytes'.padEnd(32)} ${sameBytes ? 'yes' : 'NO (they differ)'}\n`);
  if (!sameBytes) process.exitCode = 1;
  return results[0];
}

/** The report on the messy copy of the polls file beside the clean one (messy-polls.ts). */
function runMessyFile(dir: string, polls: string): void {
  const messy = join(dir, `store_status-messy-${MESSY_SEED}.csv`);
  ensureMessyPolls(polls, messy);
  const runs = 5;
  process.stderr.write(`messy polls file: ${runs} pairs of reports, clean then messy ...
`);
  const report = (file: string) => () =>
    measureCommand(CLI, ['report', ...weeklyFiles(dir, file), '--out', join(WORK_DIR, 'report-messy.csv')]);
  const rows = runMessyCase(runs, report(polls), report(messy));
  process.stdout.write(`file report, messy polls file (${runs} pairs of runs, clean then messy)\n`);
  for (const [name, value] of rows) process.stdout.write(`  ${name.padEnd(32)} ${value}\n`);
}

/**
 * The polls, hours and zones named one by one: `--data` would read special_hours.csv too, and
 * this case measures the report without the extensions, as it always has.
 */
function weeklyFiles(dir: string, pollsFile: string): string[] {
  const file = (name: string) => join(dir, name);
  return ['--polls', pollsFile, '--hours', file('menu_hours.csv'), '--timezones', file('timezones.csv')];
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
