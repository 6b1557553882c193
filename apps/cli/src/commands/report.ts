import { parseTimestamp } from '@store-monitor/csv';
import { assembleStores, buildReport, formatReportRow, POLICIES, REPORT_HEADER, type Policy } from '@store-monitor/engine';
import { loadInputs } from '../load-inputs';
import { parseOptions } from '../parse-args';
import { ProgressBar } from '../progress-bar';
import { RejectSink } from '../reject-sink';
import { resolveInputFiles, type InputFiles } from '../report-inputs';
import { databaseUrlFromEnvironment } from '../database-url-option';
import { explainDatabaseError } from '../database-error';
import { UsageError } from '../usage-error';
import { writeOutput } from '../write-output';

const OPTIONS = {
  data: { type: 'string' },
  polls: { type: 'string' },
  hours: { type: 'string' },
  timezones: { type: 'string' },
  'as-of': { type: 'string' },
  policy: { type: 'string' },
  out: { type: 'string' },
  rejects: { type: 'string' },
  db: { type: 'boolean' },
} as const;

export async function reportCommand(args: string[]): Promise<void> {
  const started = performance.now();
  const options = parseOptions(args, OPTIONS);
  const policy = parsePolicy(options.policy);
  const asOf = parseAsOf(options['as-of']);
  const fromDatabase = Boolean(options.db);
  if (fromDatabase && (options.data ?? options.polls ?? options.hours ?? options.timezones ?? options.rejects) !== undefined) {
    throw new UsageError('--db reads the database: it takes no input files and has no rejects');
  }
  const { report, details } = fromDatabase
    ? await reportFromDb(policy, asOf)
    : await reportFromFiles(resolveInputFiles(options), options.rejects, policy, asOf);
  const lines = [REPORT_HEADER, ...report.rows.map(formatReportRow)];
  await writeOutput(`${lines.join('\n')}\n`, options.out);

  const summary = [
    `stores: ${report.rows.length}`,
    ...details.summary,
    `now: ${report.now === undefined ? 'none (no polls)' : new Date(report.now).toISOString()}`,
    `policy: ${policy}`,
    `seconds: ${((performance.now() - started) / 1000).toFixed(2)}`,
  ];
  process.stderr.write(`${summary.join(', ')}\n`);
  if (details.rejects.length > 0) process.stderr.write(`rejected rows:\n${details.rejects.join('\n')}\n`);
}

interface ReportDetails {
  summary: string[];
  rejects: string[];
}

async function reportFromFiles(files: InputFiles, rejectsPath: string | undefined, policy: Policy, asOf: number | undefined) {
  const rejects = await RejectSink.create(rejectsPath);
  const inputs = await loadInputs(files, rejects.add);
  await rejects.close();
  const report = buildReport(assembleStores(inputs), { policy, asOf });
  const details: ReportDetails = {
    summary: [`polls read: ${inputs.pollsRead}`, `rows rejected: ${rejects.count}`],
    rejects: rejects.count > 0 ? rejects.describe() : [],
  };
  return { report, details };
}

async function reportFromDb(policy: Policy, asOf: number | undefined) {
  // Loaded only here: the database client costs a file report 130 ms at start.
  const { reportFromDatabase } = require('@store-monitor/db') as typeof import('@store-monitor/db');
  const databaseUrl = databaseUrlFromEnvironment();
  const bar = new ProgressBar('reading stores from the database');
  const report = await reportFromDatabase(databaseUrl, { policy, asOf }, (done, total) => bar.update(done, total))
    .catch((error: unknown) => {
      throw explainDatabaseError(error, databaseUrl);
    })
    .finally(() => bar.finish());
  const details: ReportDetails = { summary: ['source: database'], rejects: [] };
  return { report, details };
}

function parsePolicy(text: string | undefined): Policy {
  if (text === undefined) return 'nearest';
  const policy = text.trim().toLowerCase();
  if (!(POLICIES as readonly string[]).includes(policy)) {
    throw new UsageError(`--policy must be one of ${POLICIES.join(', ')}, got "${text}"`);
  }
  return policy as Policy;
}

function parseAsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const instant = parseTimestamp(text);
  if (instant === null) {
    throw new UsageError(`--as-of must be an instant such as 2024-01-10T12:00:00Z, got "${text}"`);
  }
  return instant;
}
