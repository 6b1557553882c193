import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import type { CsvStream } from '@store-monitor/csv';
import { checkJsonRow } from './json-row-check';
import { countLineBreaks, csvHeaderOf, csvLineOf, type JsonRow } from './json-rows';
import { JsonRowsSplitter } from './json-splitter';
import { LineIndex } from './line-index';
import { SpoolFile } from './spool-file';
import type { UploadKind } from './upload-kind';

/** CSV text handed to the reader at a time, about its own chunk size (packages/csv/src/csv-file.ts). */
const CSV_CHUNK_CHARS = 64 * 1024;

/**
 * A JSON body spooled, as it arrives, into a file of its rows as sent, one JSON line each. The
 * body is kept until it is whole, as a CSV body is, so the load's transaction opens only once the
 * client has sent everything (a slow or vanished client never holds a connection); the few rejected
 * rows are read back from it for the answer. Ingest reads the equivalent CSV made from it as a
 * stream (`csv()`), so no CSV file is written. Neither the body nor its rows are ever held whole.
 */
export class JsonSpool {
  /** The CSV line each row starts on, to find a reject's row (a quoted line break moves later rows). */
  readonly firstLines = new LineIndex();
  private readonly raw: SpoolFile;

  constructor(
    private readonly kind: UploadKind,
    readonly rawPath: string,
  ) {
    this.raw = new SpoolFile(rawPath);
  }

  /** Reads the decoded body to its end; a bad row or shape throws its 400 as soon as it is seen. */
  readonly consume = async (body: AsyncIterable<Buffer>): Promise<void> => {
    const splitter = new JsonRowsSplitter(this.kind.arrayKey, this.addRow);
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of body) {
        splitter.feed(decoder.write(chunk));
        await this.raw.drained();
      }
      splitter.feed(decoder.end());
      splitter.end();
      await this.raw.close();
    } catch (error) {
      await this.raw.discard();
      throw error;
    }
  };

  private readonly addRow = (value: unknown, index: number): void => {
    this.raw.write(`${JSON.stringify(checkJsonRow(this.kind, value, index))}\n`);
  };

  /**
   * The spooled rows as the equivalent CSV, header first, for the reader; it notes where each row
   * starts as it goes. As UTF-8 bytes, as a CSV file would be: a lone surrogate in a value reads
   * as U+FFFD, exactly as when the CSV was written to a file first.
   */
  csv(): CsvStream {
    return { name: this.rawPath, bytes: this.csvChunks() };
  }

  private async *csvChunks(): AsyncGenerator<Buffer> {
    let text = csvHeaderOf(this.kind);
    let line = 2;
    const lines = createInterface({ input: createReadStream(this.rawPath), crlfDelay: Infinity });
    for await (const rawRow of lines) {
      const row = csvLineOf(this.kind, JSON.parse(rawRow) as JsonRow);
      this.firstLines.push(line);
      line += countLineBreaks(row);
      text += row;
      if (text.length >= CSV_CHUNK_CHARS) {
        yield Buffer.from(text);
        text = '';
      }
    }
    if (text.length > 0) yield Buffer.from(text);
  }

  /** The rows at `indexes` as sent (their JSON text), read back from the spool in one pass. */
  async rawRows(indexes: readonly number[]): Promise<Map<number, string>> {
    const wanted = new Set(indexes);
    const last = Math.max(-1, ...indexes);
    const found = new Map<number, string>();
    if (last < 0) return found;
    const lines = createInterface({ input: createReadStream(this.rawPath), crlfDelay: Infinity });
    let index = 0;
    for await (const line of lines) {
      if (wanted.has(index)) found.set(index, line);
      if (++index > last) break;
    }
    lines.close();
    return found;
  }
}
