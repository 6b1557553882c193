import { statSync } from 'node:fs';
import { assembleStores, buildReport, type Report, type ReportOptions } from '@store-monitor/engine';
import { checkAsOf, pollBoundsOf } from '../as-of-options';
import { futureNote, RejectSink } from '../reject-sink';
import { loadInputs, loadPolls, type InputFiles, type LoadedPolls } from '../report-inputs';
import { defaultThreads, EngineThreads } from '../threads/report-threads';
import type { ReportDetails, ReportSettings } from './report';

/** What the summary line says of the files read. */
interface FileCounts extends Pick<LoadedPolls, 'pollsRead' | 'futurePolls'> {
  specialHoursRead?: number;
}

/** `report` from files: on this thread, or on --threads N (report-threads.ts); the same CSV either way. */
export async function reportFromFiles(
  files: InputFiles,
  rejectsPath: string | undefined,
  settings: ReportSettings,
): Promise<{ report: Report; details: ReportDetails }> {
  const rejects = await RejectSink.create(rejectsPath);
  const threads = settings.threads ?? defaultThreads(fileBytes(files.polls));
  const { report, counts } =
    threads > 1 ? await onThreads(files, rejects, settings, threads) : await onThisThread(files, rejects, settings);
  return { report, details: fileDetails(counts, rejects) };
}

async function onThisThread(files: InputFiles, rejects: RejectSink, settings: ReportSettings) {
  const inputs = await loadInputs(files, rejects.add);
  await rejects.close();
  const stores = assembleStores(inputs);
  const options = checkedOptions(settings, pollBoundsOf(stores));
  return { report: buildReport(stores, options), counts: inputs as FileCounts };
}

async function onThreads(files: InputFiles, rejects: RejectSink, settings: ReportSettings, count: number) {
  // Started first: the threads read the other files while this one reads the polls.
  const threads = EngineThreads.start(count, files);
  try {
    const polls = await loadPolls(files.polls, rejects.add);
    const schedules = await threads.schedules();
    // After the polls' own, as on one thread.
    for (const reject of schedules.rejects) rejects.add(reject);
    await rejects.close();
    const stores = Array.from(polls.polls, ([storeId, storePolls]) => ({ storeId, polls: storePolls, hours: [] }));
    const options = checkedOptions(settings, pollBoundsOf(stores));
    const report = await threads.buildReport(stores, options);
    return { report, counts: { ...polls, specialHoursRead: schedules.specialHoursRead } as FileCounts };
  } finally {
    await threads.close();
  }
}

/** The engine's options, once --as-of is known to be inside the data's bounds. */
function checkedOptions(settings: ReportSettings, bounds: ReturnType<typeof pollBoundsOf>): ReportOptions {
  const { asOf, marginMs } = settings.asOf;
  if (asOf !== undefined) checkAsOf(asOf, bounds, marginMs);
  return { policy: settings.policy, asOf, maxGapMs: settings.maxGapMs };
}

function fileDetails(counts: FileCounts, rejects: RejectSink): ReportDetails {
  const special = counts.specialHoursRead;
  return {
    summary: [
      `polls read: ${counts.pollsRead}`,
      ...(special === undefined ? [] : [`special days read: ${special}`]),
      `rows rejected: ${rejects.count}${futureNote(counts.futurePolls)}`,
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
