import { RejectsCsvFile, type Reject } from '@store-monitor/csv';

const SHOWN_ON_STDERR = 5;

/** Counts rejected rows, keeps the first few for standard error and streams all to a rejects file if asked. */
export class RejectSink {
  count = 0;
  readonly shown: Reject[] = [];
  private readonly file: RejectsCsvFile | undefined;

  constructor(path?: string) {
    this.file = path === undefined ? undefined : new RejectsCsvFile(path);
  }

  readonly add = (reject: Reject): void => {
    this.count++;
    if (this.shown.length < SHOWN_ON_STDERR) this.shown.push(reject);
    this.file?.write(reject);
  };

  async close(): Promise<void> {
    await this.file?.close();
  }

  /** Lines for standard error: the first rejects and how many more there were. */
  describe(): string[] {
    const lines = this.shown.map((r) => `  ${r.file}:${r.line}: ${r.reason}`);
    if (this.count > this.shown.length) lines.push(`  ... and ${this.count - this.shown.length} more`);
    return lines;
  }
}
