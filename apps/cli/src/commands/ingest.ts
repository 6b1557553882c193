import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, type Database } from '@store-monitor/db';
import {
  ingestHours,
  ingestPolls,
  ingestSpecialHours,
  ingestTimeZones,
  type IngestSummary,
} from '@store-monitor/ingest';
import { databaseUrlFromEnvironment, explainDatabaseError } from '../database-setup';
import { parseOptions, UsageError } from '../parse-args';
import { ProgressBar } from '../progress-bar';
import { futureNote, RejectSink } from '../reject-sink';
import { FILE_NAMES } from '../report-inputs';

interface IngestFiles {
  timeZones: string[];
  hours: string[];
  specialHours: string[];
  polls: string[];
}

export async function ingestCommand(args: string[]): Promise<void> {
  const files = parseIngestArgs(args);
  const databaseUrl = databaseUrlFromEnvironment();
  const rejects = await RejectSink.create(files.rejects);
  // One file at a time, each in one transaction: one connection held.
  const db = createDatabase(databaseUrl, { heldConnections: 1 });
  try {
    // Zones and hours first: small files, and stores then exist with their zone when polls arrive.
    for (const path of files.timeZones) report(await ingestTimeZones(db, path, { onReject: rejects.add }));
    for (const path of files.hours) report(await ingestHours(db, path, { onReject: rejects.add }));
    for (const path of files.specialHours) report(await ingestSpecialHours(db, path, { onReject: rejects.add }));
    for (const path of files.polls) report(await ingestPollsFile(db, path, rejects));
  } catch (error) {
    throw explainDatabaseError(error, databaseUrl);
  } finally {
    await rejects.close();
    await db.close();
  }
  if (rejects.count > 0) process.stderr.write(`rejected rows:\n${rejects.describe().join('\n')}\n`);
}

/**
 * One polls file, with a bar while it is read and, for a file larger than a batch (set aside and
 * written after the read), another while it is written.
 */
async function ingestPollsFile(db: Database, path: string, rejects: RejectSink): Promise<IngestSummary> {
  let bar = new ProgressBar(`ingesting ${path}`);
  let writing = false;
  const summary = await ingestPolls(db, path, {
    onReject: rejects.add,
    onProgress: (done, total) => bar.update(done, total),
    onWritten: (done, total) => {
      if (!writing) {
        bar.finish();
        bar = new ProgressBar(`writing ${path}`);
        writing = true;
      }
      bar.update(done, total);
    },
  });
  bar.finish();
  return summary;
}

function report(s: IngestSummary): void {
  process.stderr.write(
    `${s.kind} ${s.source}: read ${s.read}, inserted ${s.inserted}, updated ${s.updated}, ` +
      `duplicates ${s.duplicates}, rejected ${s.rejected}${futureNote(s.future)}, seconds ${s.seconds.toFixed(2)}\n`,
  );
}

/** The options this command takes; its help lists each of them. */
export const OPTIONS = {
  data: { type: 'string' },
  polls: { type: 'string', multiple: true },
  hours: { type: 'string', multiple: true },
  timezones: { type: 'string', multiple: true },
  'special-hours': { type: 'string', multiple: true },
  rejects: { type: 'string' },
} as const;

function parseIngestArgs(args: string[]): IngestFiles & { rejects?: string } {
  const values = parseOptions(args, OPTIONS);
  const named: IngestFiles = {
    polls: values.polls ?? [],
    hours: values.hours ?? [],
    timeZones: values.timezones ?? [],
    specialHours: values['special-hours'] ?? [],
  };
  const count = named.polls.length + named.hours.length + named.timeZones.length + named.specialHours.length;
  if (values.data !== undefined && count > 0) {
    throw new UsageError('give either --data DIR or --polls/--hours/--timezones/--special-hours, not both');
  }
  if (values.data === undefined && count === 0) {
    throw new UsageError('ingest needs --data DIR or at least one of --polls, --hours, --timezones, --special-hours');
  }
  return { ...(values.data === undefined ? named : filesIn(values.data)), rejects: values.rejects };
}

/** The default file names in a folder; the polls file must be there, the others may not. */
function filesIn(dir: string): IngestFiles {
  const present = (name: string): string[] => (existsSync(join(dir, name)) ? [join(dir, name)] : []);
  return {
    polls: [join(dir, FILE_NAMES.polls)],
    hours: present(FILE_NAMES.hours),
    timeZones: present(FILE_NAMES.timeZones),
    specialHours: present(FILE_NAMES.specialHours),
  };
}
