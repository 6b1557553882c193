import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_HEADER } from '@store-monitor/engine';

export interface ReportFile {
  filePath: string;
  rowCount: number;
}

/**
 * Writes `<dir>/<reportId>.csv` as the CLI writes a report (header, LF line ends, final newline)
 * from the chunks' lines in order. Atomic: a reader sees no file or the whole file.
 */
export async function writeReportFile(dir: string, reportId: string, chunks: string[][]): Promise<ReportFile> {
  const filePath = join(dir, `${reportId}.csv`);
  const pieces = [[REPORT_HEADER], ...chunks].filter((lines) => lines.length > 0).map((lines) => `${lines.join('\n')}\n`);
  await writeFileAtomically(dir, filePath, pieces);
  return { filePath, rowCount: chunks.reduce((total, lines) => total + lines.length, 0) };
}

/**
 * The temporary file is in the same directory (rename is atomic only within one file system) and
 * named per attempt, so two workers running the same merge never write into each other's file.
 */
export async function writeFileAtomically(dir: string, path: string, pieces: Iterable<string>): Promise<void> {
  const temporary = join(dir, `.${randomUUID()}.tmp`);
  try {
    await writeAndSync(temporary, pieces);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

async function writeAndSync(path: string, pieces: Iterable<string>): Promise<void> {
  const file = await open(path, 'wx');
  try {
    for (const piece of pieces) await file.write(piece);
    // Flushed before the rename: after a crash the final name must never point at missing data.
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Makes the rename itself survive a crash. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
