import { StringDecoder } from 'node:string_decoder';
import type { CsvRows } from './csv-rows';

const LINE_FEED = 10;
const QUOTE = 34;

/**
 * Hands a source's bytes to CsvRows: runs of whole lines without a quote char as bytes, which are
 * never decoded (the polls reader parses them where they stand), and anything else as text: the
 * header, a line with a quote char and the lines of a quoted field it opens, an overlong line.
 *
 * Why bytes: decoding 130 MB of polls into strings and scanning those cost as much as parsing
 * them, and every decoded chunk is garbage to collect. Lines never straddle two chunks: the bytes
 * after a chunk's last line break move to the front of the buffer and are read with the next ones.
 */
export class CsvBytes {
  /** Where the next bytes go, from `carried` on. */
  readonly buffer: Buffer;
  /** Bytes at the buffer's start carried over from the last chunk: the start of a line. */
  carried = 0;
  private readonly decoder = new StringDecoder('utf8');
  /** The decoder may hold the start of a character: text goes on through it up to a line break. */
  private midText = false;

  constructor(
    private readonly rows: CsvRows,
    chunkBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  /** Reads the `size` bytes just written at buffer[carried, carried + size). */
  filled(size: number): void {
    const end = this.carried + size;
    const cut = this.buffer.lastIndexOf(LINE_FEED, end - 1) + 1;
    if (cut > 0) {
      this.take(cut);
      this.buffer.copyWithin(0, cut, end);
      this.carried = end - cut;
    } else if (end < this.buffer.length) {
      this.carried = end;
    } else {
      // One line longer than the buffer: it streams on as text, which CsvRows bounds.
      this.rows.feed(this.decoder.write(this.buffer.subarray(0, end)));
      this.midText = true;
      this.carried = 0;
    }
  }

  /** Reads a piece of a stream, copied in after the carried bytes as much as fits at a time. */
  write(chunk: Uint8Array): void {
    for (let from = 0; from < chunk.length; ) {
      const size = Math.min(chunk.length - from, this.buffer.length - this.carried);
      this.buffer.set(chunk.subarray(from, from + size), this.carried);
      from += size;
      this.filled(size);
    }
  }

  /** Reads the last line (which has no line break) and ends the rows. */
  end(): void {
    if (this.carried > 0) this.take(this.carried);
    this.carried = 0;
    this.rows.feed(this.decoder.end());
    this.rows.end();
  }

  /** The buffer's bytes up to `end`, which is just past a line break or at the end of the source. */
  private take(end: number): void {
    const lines = this.buffer.subarray(0, end);
    if (this.midText || !this.rows.readsBytes) {
      this.text(lines);
      return;
    }
    let start = this.headerLines(lines, end);
    while (start < end) {
      // Text is pending (a quoted field open since an earlier line): the rest goes on as text, whole.
      // Line by line, each line would make CsvRows parse all the pending text again.
      if (!this.rows.takesBytes) {
        this.text(lines.subarray(start, end));
        return;
      }
      const quote = lines.indexOf(QUOTE, start);
      if (quote === -1) {
        this.rows.feedLines(lines, start, end);
        return;
      }
      // The lines before the quote's own as bytes, that one as text (it may open a quoted field).
      const lineStart = lines.lastIndexOf(LINE_FEED, quote) + 1;
      if (lineStart > start) this.rows.feedLines(lines, start, lineStart);
      start = lineEnd(lines, quote, end);
      this.text(lines.subarray(lineStart, start));
    }
  }

  /** Before the header, lines go as text one by one until it is read; where the rest starts. */
  private headerLines(lines: Uint8Array, end: number): number {
    let start = 0;
    while (start < end && this.rows.awaitsHeader) {
      const stop = lineEnd(lines, start, end);
      this.text(lines.subarray(start, stop));
      start = stop;
    }
    return start;
  }

  /** Whole lines (or the source's last bytes) as text. */
  private text(lines: Uint8Array): void {
    this.rows.feed(this.decoder.write(lines));
    // Cut at a line break (or the end), the decoder holds nothing now.
    this.midText = false;
  }
}

/** Just past the line break at or after `from`, or `end` when there is none. */
function lineEnd(lines: Uint8Array, from: number, end: number): number {
  const next = lines.indexOf(LINE_FEED, from);
  return next === -1 || next >= end ? end : next + 1;
}
