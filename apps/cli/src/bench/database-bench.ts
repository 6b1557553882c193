// The database half of `npm run bench`: ingest, re-ingest and report --db on the benchmark's polls,
// each beside what psql itself takes to move the same rows, from the same run; then one store's timeline.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_DATABASE_URL, dropDatabase, migrateDatabase } from '@store-monitor/db';
import { median, verdict, type Measurement } from './measure';
import { runServicesBench } from './services-bench';
import { runTimelineBench } from './timeline-bench';

const TARGETS = { ingest: 2.5, reportDb: 1.5, peakMb: 512 };
/**
 * report --db is timed in pairs with psql's raw read taken just before it, as the file report is
 * with its reference: one run of each drifted by half within minutes on the machines this runs on.
 */
const REPORT_PAIRS = 5;
const POLLS_IN_KEY_ORDER = 'SELECT store_id, at, active FROM polls ORDER BY store_id, at';

export interface DatabaseBenchInput {
  pollsFile: string;
  /** Where the benchmark may write scratch files (.bench/). */
  workDir: string;
  /** The file report's own engine time (report minus reading), from the file benchmark. */
  engineSeconds: number;
  measureCli: (args: string[]) => Measurement;
}

export async function runDatabaseBench(input: DatabaseBenchInput): Promise<string[][]> {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = '/store_monitor_bench';
  await dropDatabase(url.toString());
  await migrateDatabase(url.toString());
  process.env.DATABASE_URL = url.toString(); // the measured commands inherit it
  try {
    const rawLoad = psqlSeconds(url, [
      'CREATE UNLOGGED TABLE raw_polls (store_id text, status text, timestamp_utc text)',
      `\\copy raw_polls FROM '${input.pollsFile}' WITH (FORMAT csv, HEADER true)`,
    ]);
    // Schedules and zones first (not timed), so report --db and the services work on real hours.
    const dataDir = dirname(input.pollsFile);
    const schedules = ['--hours', join(dataDir, 'menu_hours.csv'), '--timezones', join(dataDir, 'timezones.csv')];
    input.measureCli(['ingest', ...schedules]);
    const ingest = input.measureCli(['ingest', '--polls', input.pollsFile]);
    const reingest = input.measureCli(['ingest', '--polls', input.pollsFile]);
    const tableLoad = sortedTableLoad(url, input.pollsFile);
    const reportCsv = join(input.workDir, 'report-db.csv');
    const pairs = Array.from({ length: REPORT_PAIRS }, () => ({
      rawRead: psqlSeconds(url, [`\\copy (${POLLS_IN_KEY_ORDER}) TO '/dev/null'`]),
      report: input.measureCli(['report', '--db', '--out', reportCsv]),
    }));
    const reportDbCsv = readFileSync(reportCsv, 'utf8');
    const reportSeconds = median(pairs.map((pair) => pair.report.seconds));
    const timelines = await runTimelineBench(url.toString(), reportSeconds, reportDbCsv);
    const services = await runServicesBench({
      databaseUrl: url.toString(),
      workDir: input.workDir,
      reportDbSeconds: reportSeconds,
      reportDbCsv,
    });
    const engineSeconds = input.engineSeconds;
    const figures = figureRows({ rawLoad, tableLoad, engineSeconds, ingest, reingest, pairs });
    return [...figures, ...timelines, ...services];
  } finally {
    await dropDatabase(url.toString());
  }
}

interface DatabaseFigures {
  rawLoad: number;
  tableLoad: number;
  engineSeconds: number;
  ingest: Measurement;
  reingest: Measurement;
  /** psql's raw read of every poll, then report --db, side by side. */
  pairs: Array<{ rawRead: number; report: Measurement }>;
}

/** The database benchmark's rows, each figure beside its target and whether it was met. */
function figureRows(figures: DatabaseFigures): string[][] {
  const { rawLoad, tableLoad, engineSeconds, ingest, reingest, pairs } = figures;
  const rawRead = median(pairs.map((pair) => pair.rawRead));
  const report = median(pairs.map((pair) => pair.report.seconds));
  // Each report against its own pair's raw read plus the file report's engine time.
  const ratios = pairs.map((pair) => pair.report.seconds / (pair.rawRead + engineSeconds));
  const reportRatio = median(ratios);
  const peak = Math.max(ingest.peakMb, reingest.peakMb, ...pairs.map((pair) => pair.report.peakMb));
  return [
    ['psql \\copy into a text table', seconds(rawLoad)],
    [
      'psql \\copy, key order, into polls',
      `${seconds(tableLoad)}, ${ratio(tableLoad, rawLoad)} (for reference: the floor for any loader)`,
    ],
    [
      'store-monitor ingest',
      `${seconds(ingest.seconds)}, ${ratio(ingest.seconds, rawLoad)} (target <= ${TARGETS.ingest}x) ` +
        verdict(ingest.seconds <= TARGETS.ingest * rawLoad),
    ],
    [
      'ingest again (adds nothing)',
      `${seconds(reingest.seconds)} (target <= ingest) ${verdict(reingest.seconds <= ingest.seconds)}`,
    ],
    ['psql \\copy of every poll out', `${seconds(rawRead)} median of ${pairs.length}`],
    ['file report, engine alone', `${seconds(engineSeconds)} (file report minus reading, from above)`],
    ['store-monitor report --db', `${seconds(report)} median of ${pairs.length}`],
    // Without the engine time, which comes from other minutes: both halves of each pair side by side.
    ['report --db / raw read alone', `${median(pairs.map((p) => p.report.seconds / p.rawRead)).toFixed(2)}x median`],
    ['report --db / (raw + engine)', `per pair ${ratios.map((r) => r.toFixed(2)).join(' ')}`],
    [
      'report --db / (raw + engine)',
      `${reportRatio.toFixed(2)}x median (target <= ${TARGETS.reportDb}x) ${verdict(reportRatio <= TARGETS.reportDb)}`,
    ],
    [
      'peak memory, database commands',
      `${peak.toFixed(0)} MB (target < ${TARGETS.peakMb} MB) ${verdict(peak < TARGETS.peakMb)}`,
    ],
  ];
}

/**
 * What PostgreSQL alone takes to put the same rows, already parsed, deduplicated and in key order,
 * into a table like polls (same columns, key and logging): no loader can do better than this.
 */
function sortedTableLoad(url: URL, pollsFile: string): number {
  const sorted = `${pollsFile}.sorted.tsv`;
  psqlSeconds(url, [`\\copy (${POLLS_IN_KEY_ORDER}) TO '${sorted}'`]);
  try {
    psqlSeconds(url, ['CREATE TABLE polls_reference (LIKE polls INCLUDING ALL)']);
    return psqlSeconds(url, [`\\copy polls_reference FROM '${sorted}'`]);
  } finally {
    rmSync(sorted, { force: true });
  }
}

function psqlSeconds(url: URL, commands: string[]): number {
  const started = process.hrtime.bigint();
  const args = [url.toString(), '-v', 'ON_ERROR_STOP=1', '-q', ...commands.flatMap((c) => ['-c', c])];
  const run = spawnSync('psql', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql failed: ${run.stderr || run.error?.message}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
const seconds = (value: number): string => `${value.toFixed(2)} s`;
