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
import { loadInputs, resolveInputFiles, type InputFiles } from '../report-inputs';
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
  db: { type: 'boolean' },
} as const;

export async function reportCommand(args: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(args, OPTIONS);
  const policy = parsePolicy(options.policy);
  const asOf = parseAsOfOptions(options['as-of'], options['as-of-margin']);
  const maxGapMs = parseMaxGapOption(options['max-gap']);
  const fromDatabase = options.db === true;
  const fileOption =
    options.data ?? options.polls ?? options.hours ?? options.timezones ?? options['special-hours'] ?? options.rejects;
  if (fromDatabase && fileOption !== undefined) {
    throw new UsageError('--db reads the database: it takes no input files and has no rejects');
  }
  const settings: ReportSettings = { policy, asOf, maxGapMs };
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
}

interface ReportDetails {
  summary: string[];
  rejects: string[];
}

async function reportFromFiles(files: InputFiles, rejectsPath: string | undefined, settings: ReportSettings) {
  const { policy, maxGapMs } = settings;
  const { asOf, marginMs } = settings.asOf;
  const rejects = await RejectSink.create(rejectsPath);
  const inputs = await loadInputs(files, rejects.add);
  await rejects.close();
  const stores = assembleStores(inputs);
  if (asOf !== undefined) checkAsOf(asOf, pollBoundsOf(stores), marginMs);
  const report = buildReport(stores, { policy, asOf, maxGapMs });
  const special = inputs.specialHoursRead;
  const details: ReportDetails = {
    summary: [
      `polls read: ${inputs.pollsRead}`,
      ...(special === undefined ? [] : [`special days read: ${special}`]),
      `rows rejected: ${rejects.count}${futureNote(inputs.futurePolls)}`,
    ],
    rejects: rejects.count > 0 ? rejects.describe() : [],
  };
  return { report, details };
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
