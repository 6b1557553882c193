import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { unparse } from 'papaparse';
import type { Reject } from './rejects';

export const REJECT_COLUMNS = ['file', 'line', 'reason', 'raw'] as const;

/**
 * A rejects file (file,line,reason,raw), written as rejects arrive so that a file full of bad
 * rows never piles up in memory. Raw text with commas, quotes or line breaks is quoted.
 */
export class RejectsCsvFile {
  private failure: Error | undefined;

  private constructor(
    readonly path: string,
    private readonly stream: WriteStream,
  ) {
    // A write error surfaces at close(), not as an unhandled 'error' event in the middle of a read.
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
    this.stream.write(`${REJECT_COLUMNS.join(',')}\n`);
  }

  /** Creates (or empties) the file; a path that cannot be written fails here, before any reading. */
  static async create(path: string): Promise<RejectsCsvFile> {
    const handle: FileHandle = await open(path, 'w');
    return new RejectsCsvFile(path, handle.createWriteStream());
  }

  /** Bound to the instance so it can be passed directly as `onReject`. */
  readonly write = (r: Reject): void => {
    if (this.failure === undefined)
      this.stream.write(`${unparse([[r.file, r.line, r.reason, r.raw]], { newline: '\n' })}\n`);
  };

  async close(): Promise<void> {
    if (this.failure === undefined) {
      this.stream.end();
      await Promise.race([once(this.stream, 'finish'), once(this.stream, 'error')]).catch(() => undefined);
    }
    if (this.failure !== undefined) throw this.failure;
  }
}
