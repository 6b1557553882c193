import { writeFileSync } from 'node:fs';
import { withDatabase } from '@store-monitor/db';
import { ingestHours, ingestPolls, ingestTimeZones } from '@store-monitor/ingest';
import { resolveOptions, writeDataset, type GenerateOptions } from '@store-monitor/generator';
import { runCli } from '../../../cli/test/run-cli';

/** Loads polls given as CSV rows (`store_id,status,timestamp_utc`) through a file at `path`, as a backfill arrives. */
export async function ingestPollRows(databaseUrl: string, path: string, rows: string[]): Promise<void> {
  writeFileSync(path, `${['store_id,status,timestamp_utc', ...rows].join('\n')}\n`);
  await withDatabase(databaseUrl, {}, (db) => ingestPolls(db, path));
}

/** Generates a data set into `dir` and ingests it as `store-monitor ingest` does. */
export async function ingestGenerated(
  databaseUrl: string,
  dir: string,
  options: Partial<GenerateOptions>,
): Promise<string> {
  const { files } = await writeDataset(dir, resolveOptions(options));
  await withDatabase(databaseUrl, {}, async (db) => {
    await ingestTimeZones(db, files.timeZones);
    await ingestHours(db, files.hours);
    await ingestPolls(db, files.polls);
  });
  return dir;
}

export interface ReportArgs {
  policy: 'nearest' | 'forward';
  asOf: string | null;
}

/** What `store-monitor report` writes for the same data, as the reference for the worker's file. */
export function cliReport(source: { data: string } | { databaseUrl: string }, args: ReportArgs): string {
  const options = ['--policy', args.policy, ...(args.asOf ? ['--as-of', args.asOf] : [])];
  const result =
    'data' in source
      ? runCli(['report', '--data', source.data, ...options])
      : runCli(['report', '--db', ...options], { DATABASE_URL: source.databaseUrl });
  if (result.status !== 0) throw new Error(`store-monitor report failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
