import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_HEADER } from '@store-monitor/engine';

export interface ReportFile {
  filePath: string;
  rowCount: number;
}

export function reportFilePath(dir: string, reportId: string): string {
  return join(dir, `${reportId}.csv`);
}

/**
 * Writes `<dir>/<reportId>.csv` as the CLI writes a report (header, LF line ends, final newline)
 * from the chunks' CSV text in order, each empty or whole lines. Atomic: a reader sees no file or
 * the whole file.
 */
export async function writeReportFile(dir: string, reportId: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<ReportFile> {
  const filePath = reportFilePath(dir, reportId);
  let rowCount = 0;
  async function* pieces() {
    yield `${REPORT_HEADER}\n`;
    for await (const text of chunks) {
      rowCount += countLines(text);
      yield text;
    }
  }
  await writeFileAtomically(dir, filePath, pieces());
  return { filePath, rowCount };
}

/** A report failed after its file was written: the file goes, so no file stands for a failed report. */
export async function removeReportFile(dir: string, reportId: string): Promise<void> {
  await rm(reportFilePath(dir, reportId), { force: true });
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * The temporary file is in the same directory (rename is atomic only within one file system) and
 * named per attempt, so two workers running the same merge never write into each other's file.
 */
export async function writeFileAtomically(dir: string, path: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
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

async function writeAndSync(path: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const file = await open(path, 'wx');
  try {
    for await (const piece of pieces) await file.write(piece);
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
