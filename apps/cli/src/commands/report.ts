import { statSync } from 'node:fs';
import { MAX_GAP_FORMS, parseMaxGap } from '@store-monitor/csv';
import {
  assembleStores,
  buildReport,
  formatDuration,
  formatReportRow,
  POLICIES,
  reportHeader,
  type Policy,
} from '@store-monitor/engine';
import { checkAsOf, parseAsOfOptions, pollBoundsOf, type AsOfOptions } from '../as-of-options';
import { databaseUrlFromEnvironment, explainDatabaseError } from '../database-setup';
import { parseOptions, UsageError } from '../parse-args';
import { ProgressBar } from '../progress-bar';
import { futureNote, RejectSink } from '../reject-sink';
import { loadInputs, resolveInputFiles, type InputFiles, type LoadedInputs } from '../report-inputs';
import { defaultThreads, EngineThreads } from '../threads/report-threads';
import { writeOutput } from '../write-output';

/** The options this command takes; its help lists each of them. */
export const OPTIONS = {
  data: { type: 'string' },
  polls: { type: 'string' },
  hours: { type: 'string' },
  timezones: { type: 'string' },
  'special-hours': { type: 'string' },
  'as-of': { type: 'string' },
  'as-of-margin': { type: 'string' },
  policy: { type: 'string' },
  'max-gap': { type: 'string' },
  out: { type: 'string' },
  rejects: { type: 'string' },
  threads: { type: 'string' },
  db: { type: 'boolean' },
} as const;

export async function reportCommand(args: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(args, OPTIONS);
  const policy = parsePolicy(options.policy);
  const asOf = parseAsOfOptions(options['as-of'], options['as-of-margin']);
  const maxGapMs = parseMaxGapOption(options['max-gap']);
  const threads = parseThreads(options.threads);
  const fromDatabase = options.db === true;
  const fileOption =
    options.data ??
    options.polls ??
    options.hours ??
    options.timezones ??
    options['special-hours'] ??
    options.rejects ??
    options.threads;
  if (fromDatabase && fileOption !== undefined) {
    throw new UsageError('--db reads the database: it takes no input files, rejects or threads');
  }
  const settings: ReportSettings = { policy, asOf, maxGapMs, threads };
  const { report, details } = fromDatabase
    ? await reportFromDb(settings)
    : await reportFromFiles(resolveInputFiles(options), options.rejects, settings);
  // The unknown columns come with a max gap only: without one the CSV is the seven columns as ever.
  const lines = [reportHeader(maxGapMs !== undefined), ...report.rows.map(formatReportRow)];
  await writeOutput(`${lines.join('\n')}\n`, options.out);

  const summary = [
    `stores: ${report.rows.length}`,
    ...details.summary,
    `now: ${report.now === undefined ? 'none (no polls)' : new Date(report.now).toISOString()}`,
    `policy: ${policy}`,
    ...(maxGapMs === undefined ? [] : [`max gap: ${formatDuration(maxGapMs)}`]),
    `seconds: ${((performance.now() - started) / 1000).toFixed(2)}`,
  ];
  process.stderr.write(`${summary.join(', ')}\n`);
  if (details.rejects.length > 0) process.stderr.write(`rejected rows:\n${details.rejects.join('\n')}\n`);
}

/** What the report is asked for, whichever source it reads. */
interface ReportSettings {
  policy: Policy;
  asOf: AsOfOptions;
  maxGapMs: number | undefined;
  /** --threads; undefined: by the polls file's size (defaultThreads). */
  threads: number | undefined;
}

interface ReportDetails {
  summary: string[];
  rejects: string[];
}

async function reportFromFiles(files: InputFiles, rejectsPath: string | undefined, settings: ReportSettings) {
  const { policy, maxGapMs } = settings;
  const { asOf, marginMs } = settings.asOf;
  const rejects = await RejectSink.create(rejectsPath);
  const threadCount = settings.threads ?? defaultThreads(fileBytes(files.polls));
  // Started before reading, so that the threads load the engine while this one reads.
  const threads = threadCount > 1 ? EngineThreads.start(threadCount) : undefined;
  try {
    const inputs = await loadInputs(files, rejects.add);
    await rejects.close();
    const stores = assembleStores(inputs);
    if (asOf !== undefined) checkAsOf(asOf, pollBoundsOf(stores), marginMs);
    const options = { policy, asOf, maxGapMs };
    const report = threads ? await threads.buildReport(stores, options) : buildReport(stores, options);
    return { report, details: fileDetails(inputs, rejects) };
  } finally {
    await threads?.close();
  }
}

function fileDetails(inputs: LoadedInputs, rejects: RejectSink): ReportDetails {
  const special = inputs.specialHoursRead;
  return {
    summary: [
      `polls read: ${inputs.pollsRead}`,
      ...(special === undefined ? [] : [`special days read: ${special}`]),
      `rows rejected: ${rejects.count}${futureNote(inputs.futurePolls)}`,
    ],
    rejects: rejects.count > 0 ? rejects.describe() : [],
  };
}

/** The file's size, or 0 when it cannot be read (reading it then fails with the reason). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The most --threads takes: more than the cores only adds threads that wait. */
const MAX_THREADS = 64;

export function parseThreads(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const count = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(count >= 1 && count <= MAX_THREADS)) {
    throw new UsageError(`--threads must be a whole number from 1 to ${MAX_THREADS}, got "${text}"`);
  }
  return count;
}

async function reportFromDb(settings: ReportSettings) {
  const { policy, maxGapMs } = settings;
  const { asOf, marginMs } = settings.asOf;
  // Loaded only here: the database client costs a file report 130 ms at start.
  const { createDatabase } = require('@store-monitor/db') as typeof import('@store-monitor/db');
  const reader = require('@store-monitor/report-reader') as typeof import('@store-monitor/report-reader');
  const { pollBounds, reportFromDatabase } = reader;
  const databaseUrl = databaseUrlFromEnvironment();
  const db = createDatabase(databaseUrl);
  try {
    if (asOf !== undefined) {
      const bounds = await pollBounds(db).catch((error: unknown) => {
        throw explainDatabaseError(error, databaseUrl);
      });
      checkAsOf(asOf, bounds, marginMs);
    }
    const bar = new ProgressBar('reading stores from the database');
    const report = await reportFromDatabase(db, { policy, asOf, maxGapMs }, (done, total) => bar.update(done, total))
      .catch((error: unknown) => {
        throw explainDatabaseError(error, databaseUrl);
      })
      .finally(() => bar.finish());
    const details: ReportDetails = { summary: ['source: database'], rejects: [] };
    return { report, details };
  } finally {
    await db.close();
  }
}

export function parsePolicy(text: string | undefined): Policy {
  if (text === undefined) return 'nearest';
  const policy = text.trim().toLowerCase();
  if (!(POLICIES as readonly string[]).includes(policy)) {
    throw new UsageError(`--policy must be one of ${POLICIES.join(', ')}, got "${text}"`);
  }
  return policy as Policy;
}

export function parseMaxGapOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseMaxGap(text);
  if (ms === undefined) throw new UsageError(`--max-gap must be ${MAX_GAP_FORMS}, got "${text}"`);
  return ms;
}
