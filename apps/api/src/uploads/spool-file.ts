import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** A private file written in order with backpressure; a write error (a full disk) surfaces on the next wait. */
export class SpoolFile {
  private readonly stream: WriteStream;
  private readonly done: Promise<void>;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { mode: 0o600 });
    this.done = finished(this.stream);
    this.done.catch(() => undefined); // surfaced by drained() or close()
  }

  write(text: string): void {
    this.stream.write(text);
  }

  /** Resolves once the disk has caught up; rejects with the write's error. */
  async drained(): Promise<void> {
    // Asked of the stream, not remembered from write(): it may have drained while another file was awaited.
    if (!this.stream.writableNeedDrain) return;
    // The race: a stream that has already failed never drains.
    await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async close(): Promise<void> {
    this.stream.end();
    await this.done;
  }

  /**
   * Lets go of the file at once (an upload that failed), and resolves once its descriptor is closed:
   * the folder is removed next, and a file still being opened would reappear in it mid-removal.
   */
  async discard(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close').catch(() => undefined);
    this.stream.destroy();
    await closed;
  }
}
