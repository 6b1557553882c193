// The 10x run (issue 15): the same week at two scales, each in a fresh database of its own:
// ingest, report --db, then the API with 1, 2 and 4 workers. It prints each step's time, peak memory
// per process and cost per million polls beside the smaller scale's, then extrapolates to 1M stores.
// After the ingests, every step runs at both scales back to back, so the machine's drift over the
// run falls on both sides of a ratio alike.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATABASE_URL, dropDatabase, migrateDatabase } from '@store-monitor/db';
import { median, verdict, type Measurement } from './measure';
import type { ScaleDataSet } from './scale-data-set';
import { extrapolate } from './scale-extrapolation';
import { runScaleServices, WORKER_COUNTS } from './scale-services';

const TARGETS = { costRatio: 1.3, peakMb: 512 };

export interface Scale extends ScaleDataSet {
  stores: number;
}

export interface ScaleBenchInput {
  /** The reference scale first (1x), then the large one (10x). */
  scales: [Scale, Scale];
  workDir: string;
  /** Timed runs of report --db and of each worker count (medians). */
  runs: number;
  /** What the extrapolation aims at. */
  targetStores: number;
  budgetSeconds: number;
  measureCli: (args: string[]) => Measurement;
}

/** One step's figures at one scale: median seconds and each of its processes' peak. */
interface StepFigure {
  seconds: number;
  peaks: Array<[process: string, mb: number]>;
}

/** A scale's own database, and its figures by step. */
interface ScaleRun {
  scale: Scale;
  url: string;
  figures: Map<string, StepFigure>;
}

export async function runScaleBench(input: ScaleBenchInput): Promise<string[]> {
  const runs: ScaleRun[] = input.scales.map((scale) => ({ scale, url: databaseUrl(scale), figures: new Map() }));
  try {
    for (const run of runs) await ingest(run, input);
    const csvs = reportDb(runs, input);
    for (const workers of WORKER_COUNTS) {
      for (const [index, run] of runs.entries()) {
        process.stderr.write(`${run.scale.stores} stores: the API and ${workers} worker(s) ...\n`);
        const figure = await runScaleServices({
          databaseUrl: run.url,
          workDir: input.workDir,
          reportDbCsv: csvs[index],
          workers,
          runs: input.runs,
        });
        run.figures.set(workersStep(workers), {
          seconds: figure.seconds,
          peaks: [
            ['api', figure.apiPeakMb],
            ['worker', figure.workerPeakMb],
          ],
        });
      }
    }
  } finally {
    for (const run of runs) await dropDatabase(run.url);
  }
  return [...tableLines(runs[0], runs[1]), '', ...extrapolationLines(runs[1], input)];
}

function databaseUrl(scale: Scale): string {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  url.pathname = `/store_monitor_scale_${scale.stores}`;
  return url.toString();
}

/** A fresh database, the schedules (not timed: the polls are what grows), then the polls, timed. */
async function ingest(run: ScaleRun, input: ScaleBenchInput): Promise<void> {
  const { scale } = run;
  process.stderr.write(`${scale.stores} stores (${scale.polls} polls): a fresh database and ingest ...\n`);
  await dropDatabase(run.url);
  await migrateDatabase(run.url);
  const schedules = ['--hours', join(scale.dir, 'menu_hours.csv'), '--timezones', join(scale.dir, 'timezones.csv')];
  withDatabase(run.url, () => input.measureCli(['ingest', ...schedules]));
  const polls = withDatabase(run.url, () => input.measureCli(['ingest', '--polls', scale.pollsFile]));
  run.figures.set('ingest (polls)', { seconds: polls.seconds, peaks: [['ingest', polls.peakMb]] });
}

/** report --db `runs` times at each scale, the scales in turns; returns each scale's CSV. */
function reportDb(runs: ScaleRun[], input: ScaleBenchInput): string[] {
  process.stderr.write(`report --db: ${input.runs} turns of both scales ...\n`);
  const out = (run: ScaleRun) => join(input.workDir, `report-db-scale-${run.scale.stores}.csv`);
  const measured = runs.map((): Measurement[] => []);
  for (let turn = 0; turn < input.runs; turn++) {
    for (const [index, run] of runs.entries()) {
      measured[index].push(withDatabase(run.url, () => input.measureCli(['report', '--db', '--out', out(run)])));
    }
  }
  for (const [index, run] of runs.entries()) {
    run.figures.set('report --db', {
      seconds: median(measured[index].map((report) => report.seconds)),
      peaks: [['report', Math.max(...measured[index].map((report) => report.peakMb))]],
    });
  }
  return runs.map((run) => readFileSync(out(run), 'utf8'));
}

/** Runs a measured command with DATABASE_URL naming `url` (the child inherits the environment). */
function withDatabase<T>(url: string, measure: () => T): T {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  try {
    return measure();
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

/** The table: times, cost per million polls at each scale, their ratio and the peaks, each against its target. */
function tableLines(small: ScaleRun, large: ScaleRun): string[] {
  const [smallPolls, largePolls] = [small.scale.polls, large.scale.polls];
  const header = ['step', '1x s', '10x s', '1x s/Mpoll', '10x s/Mpoll', '10x/1x', 'peak MB 1x', 'peak MB 10x'];
  const widths = [16, 8, 8, 11, 12, 13, 26, 26];
  const cells = [...small.figures.keys()].map((step) => {
    const [one, ten] = [small.figures.get(step), large.figures.get(step)];
    if (!one || !ten) return [step, 'missing'];
    const ratio = perMillion(ten.seconds, largePolls) / perMillion(one.seconds, smallPolls);
    return [
      step,
      one.seconds.toFixed(2),
      ten.seconds.toFixed(2),
      perMillion(one.seconds, smallPolls).toFixed(3),
      perMillion(ten.seconds, largePolls).toFixed(3),
      `${ratio.toFixed(2)}x ${verdict(ratio <= TARGETS.costRatio)}`,
      peakCell(one.peaks),
      peakCell(ten.peaks),
    ];
  });
  const format = (row: string[]) =>
    `  ${row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' ')}`.trimEnd();
  const count = (value: number) => value.toLocaleString('en-US');
  return [
    `1x = ${count(small.scale.stores)} stores, ${count(smallPolls)} polls; 10x = ${count(large.scale.stores)} ` +
      `stores, ${count(largePolls)} polls (${(largePolls / smallPolls).toFixed(2)}x the polls)`,
    `targets: 10x/1x cost per million polls <= ${TARGETS.costRatio}x; peak < ${TARGETS.peakMb} MB per process`,
    format(header),
    ...cells.map(format),
  ];
}

/** `api 80, worker 150 met`: each process's peak, and whether all are under the limit. */
function peakCell(peaks: Array<[string, number]>): string {
  const under = peaks.every(([, mb]) => mb < TARGETS.peakMb);
  return `${peaks.map(([name, mb]) => `${name} ${mb.toFixed(0)}`).join(', ')} ${verdict(under)}`;
}

function extrapolationLines(large: ScaleRun, input: ScaleBenchInput): string[] {
  const { stores, polls } = large.scale;
  const costs = WORKER_COUNTS.map((workers) => ({
    workers,
    secondsPerMillion: perMillion(large.figures.get(workersStep(workers))?.seconds ?? Number.NaN, polls),
  }));
  const lines = extrapolate({
    costs,
    pollsPerStore: polls / stores,
    stores: input.targetStores,
    budgetSeconds: input.budgetSeconds,
    cores: availableParallelism(),
  });
  return [
    `extrapolation from the 10x (${stores.toLocaleString('en-US')}-store) trigger -> CSV figures:`,
    ...lines.map((line) => `  ${line}`),
  ];
}

const workersStep = (workers: number): string => `API, ${workers} worker${workers === 1 ? '' : 's'}`;
const perMillion = (seconds: number, polls: number): number => seconds / (polls / 1e6);
