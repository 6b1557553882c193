import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readHours, readPolls, readSpecialHours, readTimeZones, type Reject } from '@store-monitor/csv';
import type { ParsedInputs } from '@store-monitor/engine';
import { UsageError } from './parse-args';
import { ProgressBar } from './progress-bar';

/** The input files of a report; all but the polls may be absent (no rows). */
export interface InputFiles {
  polls: string;
  hours?: string;
  timeZones?: string;
  specialHours?: string;
}

export const FILE_NAMES = {
  polls: 'store_status.csv',
  hours: 'menu_hours.csv',
  timeZones: 'timezones.csv',
  specialHours: 'special_hours.csv',
} as const;

/** The bundled sample data, found from the built command's own location. */
export const SAMPLE_DATA_DIR = resolve(__dirname, '../../../data');

/**
 * `--data DIR` reads the default file names from DIR, where every file but the polls is
 * optional; `--polls F` names files one by one. Neither means the sample data.
 */
export function resolveInputFiles(options: {
  data?: string;
  polls?: string;
  hours?: string;
  timezones?: string;
  'special-hours'?: string;
}): InputFiles {
  const { data, polls, hours, timezones, 'special-hours': specialHours } = options;
  if (data !== undefined && (polls ?? hours ?? timezones ?? specialHours) !== undefined) {
    throw new UsageError('give either --data DIR or --polls/--hours/--timezones/--special-hours, not both');
  }
  if (polls !== undefined) return { polls, hours, timeZones: timezones, specialHours };
  if ((hours ?? timezones ?? specialHours) !== undefined) {
    throw new UsageError('--hours, --timezones and --special-hours need --polls');
  }
  const dir = data ?? SAMPLE_DATA_DIR;
  const optional = (name: string): string | undefined => (existsSync(join(dir, name)) ? join(dir, name) : undefined);
  return {
    polls: join(dir, FILE_NAMES.polls),
    hours: optional(FILE_NAMES.hours),
    timeZones: optional(FILE_NAMES.timeZones),
    specialHours: optional(FILE_NAMES.specialHours),
  };
}

export interface LoadedInputs extends ParsedInputs {
  pollsRead: number;
  /** Rows of the special-days file, used or rejected; undefined when there is no such file. */
  specialHoursRead?: number;
  /** Polls rejected as dated later than now plus the allowance. */
  futurePolls: number;
}

/** Reads the files through the shared CSV readers; an absent file other than the polls means no rows. */
export async function loadInputs(files: InputFiles, onReject: (r: Reject) => void): Promise<LoadedInputs> {
  const bar = new ProgressBar('reading polls');
  const polls = await readPolls(files.polls, { onReject, onProgress: (done, total) => bar.update(done, total) });
  bar.finish();
  const hours = files.hours ? (await readHours(files.hours, { onReject })).hours : new Map();
  const timeZones = files.timeZones ? (await readTimeZones(files.timeZones, { onReject })).timeZones : new Map();
  const inputs: LoadedInputs = {
    polls: polls.series,
    hours,
    timeZones,
    pollsRead: polls.read,
    futurePolls: polls.future,
  };
  if (files.specialHours === undefined) return inputs;
  // Only with a file: without one the inputs, and so the report, are exactly what they were before.
  const special = await readSpecialHours(files.specialHours, { onReject });
  return { ...inputs, specialHours: special.specialHours, specialHoursRead: special.read };
}
