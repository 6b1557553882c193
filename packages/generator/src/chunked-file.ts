import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/** Big enough to keep system calls few, small enough that millions of rows never sit in memory. */
export const CHUNK_CHARS = 256 * 1024;

/** Writes the chunks in order, waiting for 'drain' whenever the disk falls behind. */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const file = new ChunkedFile(path);
  try {
    for (const chunk of chunks) await file.write(chunk);
    await file.close();
  } catch (error) {
    file.destroy();
    throw error;
  }
}

/** A header and lines, joined into chunks of about CHUNK_CHARS. */
export function* chunkLines(header: string, lines: Iterable<string>): Generator<string> {
  let chunk = `${header}\n`;
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** A write stream that honours backpressure and reports its first error to the next caller. */
class ChunkedFile {
  private readonly out: WriteStream;
  private failure: Error | undefined;

  constructor(path: string) {
    this.out = createWriteStream(path);
    // An error while nobody awaits would otherwise be an unhandled 'error' event.
    this.out.on('error', (error) => {
      this.failure ??= error;
    });
  }

  async write(text: string): Promise<void> {
    this.throwIfFailed();
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.throwIfFailed();
    this.out.end();
    await finished(this.out);
  }

  destroy(): void {
    this.out.destroy();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
