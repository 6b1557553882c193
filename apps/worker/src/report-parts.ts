import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { writeFileAtomically } from './report-file';

/**
 * A report's chunks write their CSV lines to part files in the reports directory (which every
 * worker shares, as they share the final files), one per chunk, removed once the merge is done.
 */
export function partsDir(reportsDir: string, reportId: string): string {
  return join(reportsDir, `.${reportId}.parts`);
}

function partPath(reportsDir: string, reportId: string, index: number): string {
  return join(partsDir(reportsDir, reportId), `${index}.csv`);
}

/** Atomic, so a retried chunk or the merge redoing it replaces the part whole. */
export async function writePart(reportsDir: string, reportId: string, index: number, lines: string[]): Promise<void> {
  const dir = partsDir(reportsDir, reportId);
  await mkdir(dir, { recursive: true });
  await writeFileAtomically(dir, partPath(reportsDir, reportId, index), lines.length > 0 ? [`${lines.join('\n')}\n`] : []);
}

/** A part's text; a missing one is named, with the usual cause, and no retry brings it back. */
export async function readPart(reportsDir: string, reportId: string, index: number, count: number): Promise<string> {
  const path = partPath(reportsDir, reportId, index);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new UnrecoverableError(`the rows of chunk ${index + 1} of ${count} are missing: ${path} (do all workers share REPORTS_DIR?)`);
  }
}

export async function removeParts(reportsDir: string, reportId: string): Promise<void> {
  await rm(partsDir(reportsDir, reportId), { recursive: true, force: true });
}
