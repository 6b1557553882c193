import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDatabase } from '@store-monitor/db';
import { ingestHours, ingestPolls, ingestSpecialHours, ingestTimeZones } from '@store-monitor/ingest';
import { resolveOptions, writeDataset, type GenerateOptions } from '@store-monitor/generator';
import { runCli } from '../../../cli/test/run-cli';

/** The file names `store-monitor report --data DIR` reads. */
export const DATA_FILES = {
  polls: 'store_status.csv',
  hours: 'menu_hours.csv',
  timeZones: 'timezones.csv',
  specialHours: 'special_hours.csv',
} as const;

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
  await writeDataset(dir, resolveOptions(options));
  await ingestDataDir(databaseUrl, dir);
  return dir;
}

/**
 * Ingests the files of `dir` that `report --data DIR` reads, as `store-monitor ingest` does: the
 * special days too when the folder has them, so the database holds what the command reads. Each
 * file is a load: a generated folder (four files) leaves the data at version 4.
 */
export async function ingestDataDir(databaseUrl: string, dir: string): Promise<void> {
  const path = (name: string) => join(dir, name);
  await withDatabase(databaseUrl, {}, async (db) => {
    await ingestTimeZones(db, path(DATA_FILES.timeZones));
    await ingestHours(db, path(DATA_FILES.hours));
    if (existsSync(path(DATA_FILES.specialHours))) await ingestSpecialHours(db, path(DATA_FILES.specialHours));
    await ingestPolls(db, path(DATA_FILES.polls));
  });
}

export interface ReportArgs {
  policy: 'nearest' | 'forward';
  asOf: string | null;
  /** `--max-gap` as the command takes it (`1h`, `PT2H`); none when absent. */
  maxGap?: string;
}

/** What `store-monitor report` writes for the same data, as the reference for the worker's file. */
export function cliReport(source: { data: string } | { databaseUrl: string }, args: ReportArgs): string {
  const options = [
    '--policy',
    args.policy,
    ...(args.asOf ? ['--as-of', args.asOf] : []),
    ...(args.maxGap ? ['--max-gap', args.maxGap] : []),
  ];
  const result =
    'data' in source
      ? runCli(['report', '--data', source.data, ...options])
      : runCli(['report', '--db', ...options], { DATABASE_URL: source.databaseUrl });
  if (result.status !== 0) throw new Error(`store-monitor report failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
