import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';
import { checkJsonRow } from './json-row-check';
import { countLineBreaks, csvHeaderOf, csvLineOf } from './json-rows';
import { JsonRowsSplitter } from './json-splitter';
import { LineIndex } from './line-index';
import { SpoolFile } from './spool-file';
import type { UploadKind } from './upload-kind';

/**
 * A JSON body spooled, as it arrives, into the equivalent CSV (which ingest reads like any file)
 * and a file of the rows as sent, one JSON line each, from which the few rejected rows are read
 * back for the answer. Neither the body nor its rows are ever held whole.
 */
export class JsonSpool {
  /** The CSV line each row starts on, to find a reject's row (a quoted line break moves later rows). */
  readonly firstLines = new LineIndex();
  private readonly csv: SpoolFile;
  private readonly raw: SpoolFile;
  private line = 2;

  constructor(
    private readonly kind: UploadKind,
    readonly csvPath: string,
    readonly rawPath: string,
  ) {
    this.csv = new SpoolFile(csvPath);
    this.raw = new SpoolFile(rawPath);
  }

  /** Reads the decoded body to its end; a bad row or shape throws its 400 as soon as it is seen. */
  readonly consume = async (body: AsyncIterable<Buffer>): Promise<void> => {
    const splitter = new JsonRowsSplitter(this.kind.arrayKey, this.addRow);
    const decoder = new StringDecoder('utf8');
    try {
      this.csv.write(csvHeaderOf(this.kind));
      for await (const chunk of body) {
        splitter.feed(decoder.write(chunk));
        await this.csv.drained();
        await this.raw.drained();
      }
      splitter.feed(decoder.end());
      splitter.end();
      await Promise.all([this.csv.close(), this.raw.close()]);
    } catch (error) {
      await Promise.all([this.csv.discard(), this.raw.discard()]);
      throw error;
    }
  };

  private readonly addRow = (value: unknown, index: number): void => {
    const row = checkJsonRow(this.kind, value, index);
    const text = csvLineOf(this.kind, row);
    this.firstLines.push(this.line);
    this.line += countLineBreaks(text);
    this.csv.write(text);
    this.raw.write(`${JSON.stringify(row)}\n`);
  };

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
