import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { reportHeader } from '@store-monitor/engine';
import { writeFileAtomically } from './atomic-file';
import { countLines, decodeReportCsv } from './report-csv';
import {
  PartMissingError,
  ReportMissingError,
  ReportUnreadableError,
  type ReportRowJson,
  type ReportShape,
  type ReportStore,
  type StoredReport,
} from './report-store';

/**
 * A report's file: always `<dir>/<id>.csv`, for an id the caller has checked to be a uuid. No
 * request and no stored column ever names the file, so nothing can make a service read another.
 */
export function reportFilePath(dir: string, reportId: string): string {
  return join(dir, `${reportId}.csv`);
}

/** A report's part files, one per chunk, in a hidden folder beside the reports. */
export function partsDir(dir: string, reportId: string): string {
  return join(dir, `.${reportId}.parts`);
}

/** Reports as files in one folder (REPORTS_DIR), which every API and worker process shares. */
export class FolderReportStore implements ReportStore {
  constructor(readonly dir: string) {}

  async writeReport(
    reportId: string,
    rows: Iterable<string> | AsyncIterable<string>,
    shape: ReportShape = { withUnknown: false },
  ): Promise<StoredReport> {
    const filePath = reportFilePath(this.dir, reportId);
    let rowCount = 0;
    async function* pieces() {
      yield `${reportHeader(shape.withUnknown)}\n`;
      for await (const text of rows) {
        rowCount += countLines(text);
        yield text;
      }
    }
    await writeFileAtomically(filePath, pieces());
    return { filePath, rowCount };
  }

  async readCsv(reportId: string): Promise<Readable> {
    const file = await this.open(reportId);
    return file.createReadStream();
  }

  async readRows(reportId: string): Promise<ReportRowJson[]> {
    const file = await this.open(reportId);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } finally {
      await file.close();
    }
    const rows = decodeReportCsv(text);
    if (typeof rows === 'string') throw new ReportUnreadableError(reportId, rows);
    return rows;
  }

  async removeReport(reportId: string): Promise<void> {
    await rm(reportFilePath(this.dir, reportId), { force: true });
  }

  async writePart(reportId: string, index: number, lines: string[]): Promise<void> {
    await mkdir(partsDir(this.dir, reportId), { recursive: true });
    await writeFileAtomically(this.partPath(reportId, index), lines.length > 0 ? [`${lines.join('\n')}\n`] : []);
  }

  async readPart(reportId: string, index: number): Promise<string> {
    const path = this.partPath(reportId, index);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PartMissingError(reportId, index, path);
      throw error;
    }
  }

  async removeParts(reportId: string): Promise<void> {
    await rm(partsDir(this.dir, reportId), { recursive: true, force: true });
  }

  /** Nothing to let go of: every call opens and closes its own files. */
  close(): void {}

  private partPath(reportId: string, index: number): string {
    return join(partsDir(this.dir, reportId), `${index}.csv`);
  }

  private async open(reportId: string) {
    try {
      return await open(reportFilePath(this.dir, reportId), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ReportMissingError(reportId);
      throw error;
    }
  }
}
