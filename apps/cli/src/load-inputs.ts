import { readHours, readPolls, readTimeZones, type Reject } from '@store-monitor/csv';
import type { ParsedInputs } from '@store-monitor/engine';
import { ProgressBar } from './progress-bar';
import type { InputFiles } from './report-inputs';

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
