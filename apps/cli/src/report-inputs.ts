import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readHours, readPolls, readTimeZones, type Reject } from '@store-monitor/csv';
import type { ParsedInputs } from '@store-monitor/engine';
import { UsageError } from './parse-args';
import { ProgressBar } from './progress-bar';

/** The three input files of a report; hours and zones may be absent (no rows). */
export interface InputFiles {
  polls: string;
  hours?: string;
  timeZones?: string;
}

export const FILE_NAMES = { polls: 'store_status.csv', hours: 'menu_hours.csv', timeZones: 'timezones.csv' } as const;

/** The bundled sample data, found from the built command's own location. */
export const SAMPLE_DATA_DIR = resolve(__dirname, '../../../data');

/**
 * `--data DIR` reads the default file names from DIR, where business hours and zones are
 * optional; `--polls F` names files one by one. Neither means the sample data.
 */
export function resolveInputFiles(options: {
  data?: string;
  polls?: string;
  hours?: string;
  timezones?: string;
}): InputFiles {
  const { data, polls, hours, timezones } = options;
  if (data !== undefined && (polls ?? hours ?? timezones) !== undefined) {
    throw new UsageError('give either --data DIR or --polls/--hours/--timezones, not both');
  }
  if (polls !== undefined) return { polls, hours, timeZones: timezones };
  if (hours !== undefined || timezones !== undefined) throw new UsageError('--hours and --timezones need --polls');
  const dir = data ?? SAMPLE_DATA_DIR;
  const optional = (name: string): string | undefined => (existsSync(join(dir, name)) ? join(dir, name) : undefined);
  return {
    polls: join(dir, FILE_NAMES.polls),
    hours: optional(FILE_NAMES.hours),
    timeZones: optional(FILE_NAMES.timeZones),
  };
}

export interface LoadedInputs extends ParsedInputs {
  pollsRead: number;
  /** Polls rejected as dated later than now plus the allowance. */
  futurePolls: number;
}

/** Reads the three files through the shared CSV readers; absent hours or zones mean no rows. */
export async function loadInputs(files: InputFiles, onReject: (r: Reject) => void): Promise<LoadedInputs> {
  const bar = new ProgressBar('reading polls');
  const polls = await readPolls(files.polls, { onReject, onProgress: (done, total) => bar.update(done, total) });
  bar.finish();
  const hours = files.hours ? (await readHours(files.hours, { onReject })).hours : new Map();
  const timeZones = files.timeZones ? (await readTimeZones(files.timeZones, { onReject })).timeZones : new Map();
  return { polls: polls.series, hours, timeZones, pollsRead: polls.read, futurePolls: polls.future };
}
