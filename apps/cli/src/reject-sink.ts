import { RejectsCsvFile, type Reject } from '@store-monitor/csv';
import { OutputError } from './write-output';

const SHOWN_ON_STDERR = 5;

/** Counts rejected rows, keeps the first few for standard error and streams all to a rejects file if asked. */
export class RejectSink {
  count = 0;
  readonly shown: Reject[] = [];
  private constructor(private readonly file: RejectsCsvFile | undefined) {}

  /** A sink that also writes every reject to `path`, when given; an unwritable path fails here. */
  static async create(path?: string): Promise<RejectSink> {
    if (path === undefined) return new RejectSink(undefined);
    const file = await RejectsCsvFile.create(path).catch((error: unknown) => {
      throw new OutputError(path, error);
    });
    return new RejectSink(file);
  }

  readonly add = (reject: Reject): void => {
    this.count++;
    if (this.shown.length < SHOWN_ON_STDERR) this.shown.push(reject);
    this.file?.write(reject);
  };

  async close(): Promise<void> {
    const file = this.file;
    if (file) await file.close().catch((error: unknown) => Promise.reject(new OutputError(file.path, error)));
  }

  /** Lines for standard error: the first rejects and how many more there were. */
  describe(): string[] {
    const lines = this.shown.map((r) => `  ${r.file}:${r.line}: ${r.reason}`);
    if (this.count > this.shown.length) lines.push(`  ... and ${this.count - this.shown.length} more`);
    return lines;
  }
}

/** The part of a summary's reject count that were polls dated in the future, when any were. */
export function futureNote(count: number | undefined): string {
  if (!count) return '';
  return ` (${count} ${count === 1 ? 'poll' : 'polls'} dated in the future)`;
}
