import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { unparse } from 'papaparse';
import type { Reject } from './rejects';

export const REJECT_COLUMNS = ['file', 'line', 'reason', 'raw'] as const;

/**
 * A rejects file (file,line,reason,raw), written as rejects arrive so that a file full of bad
 * rows never piles up in memory. Raw text with commas, quotes or line breaks is quoted.
 */
export class RejectsCsvFile {
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.write(`${REJECT_COLUMNS.join(',')}\n`);
  }

  /** Bound to the instance so it can be passed directly as `onReject`. */
  readonly write = (r: Reject): void => {
    this.stream.write(`${unparse([[r.file, r.line, r.reason, r.raw]], { newline: '\n' })}\n`);
  };

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
