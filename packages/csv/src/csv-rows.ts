import { Parser, type ParseError } from 'papaparse';
import { InputError } from './input-error';
import { LineLocator } from './line-locator';
import { ownString } from './own-string';
import type { Reject } from './rejects';
import type { RowSink } from './row-sink';

/** Text still unparsed after a chunk is normally part of one line; this much means a quote never closed. */
export const MAX_PENDING_CHARS = 1 << 20;

const CARRIAGE_RETURN = 13;
const LINE_FEED = 10;
const COMMA = 44;
/** How much of an overlong line its reject keeps. */
const REJECT_HEAD_CHARS = 200;

const CONFIG = { delimiter: ',', newline: '\n', quoteChar: '"' } as const;

interface ChunkResult {
  data: string[][];
  errors: ParseError[];
  meta: { cursor: number };
}

/**
 * Turns chunks of CSV text into rows for a RowSink, with physical line numbers, and turns every row
 * that cannot be used into a Reject.
 *
 * Parsing is papaparse's low-level Parser, driven chunk by chunk the way its own streamer does it,
 * but here, so the text of each chunk stays at hand: rejects carry their original lines, and a broken
 * quote can be contained (see recoverLines).
 *
 * The newline is always `\n`: a `\r` before it is whitespace that trimming removes, so LF, CRLF and a
 * mix of both read the same. (Papaparse would otherwise guess one line end from the first chunk.)
 */
export class CsvRows {
  read = 0;
  rejected = 0;

  private pending = '';
  private pendingLine = 1;
  /** Set while an overlong line streams past: where it started and its first characters. */
  private skipping: { line: number; head: string } | undefined;
  private width = -1;
  /** Where each field of the current line starts, plus one past its end (feedLines; reused). */
  private fieldBounds = new Int32Array(0);
  private started = false;
  // fastMode is decided per chunk: plain split when the chunk has no quote char at all.
  private readonly plain = new Parser({ ...CONFIG, fastMode: true });
  private readonly quoted = new Parser({ ...CONFIG, fastMode: false });

  constructor(
    private readonly file: string,
    private readonly kind: string,
    private readonly sink: RowSink,
    private readonly onReject?: (reject: Reject) => void,
  ) {}

  feed(text: string): void {
    this.consume(text, false);
  }

  /**
   * Whether the next text may come as bytes (feedLines): the sink reads bytes, the header is read,
   * and nothing is pending: no quoted field open across lines, no overlong line streaming past.
   */
  get takesBytes(): boolean {
    return this.width >= 0 && this.pending.length === 0 && this.skipping === undefined && this.readsBytes;
  }

  /** Whether no header has been read yet. */
  get awaitsHeader(): boolean {
    return this.width < 0;
  }

  /** Whether the sink reads lines as bytes at all (the polls reader does). */
  get readsBytes(): boolean {
    return this.sink.lineBytes !== undefined;
  }

  /**
   * Whole lines of quote-free UTF-8 from `start` to `end` (just past a line break, or the end of
   * the file), for when takesBytes. The sink's lineRun takes what lines it can in bulk, and its
   * lineAt tries each line left over; otherwise the line is split at its commas in the same pass
   * that finds its end, and goes to the sink's lineBytes; a line none takes, or with a field too
   * many or too few, is decoded and parsed as text, exactly as `feed` would have.
   */
  feedLines(bytes: Uint8Array, start: number, end: number): void {
    const bounds = this.fieldBounds;
    const last = this.width - 1;
    let lineNumber = this.pendingLine;
    const sink = this.sink;
    const run = sink.lineRun?.(bytes, start, end) ?? null;
    for (let pos = start; pos < end; lineNumber++) {
      if (run !== null) {
        const lines = run.take(pos);
        this.read += lines;
        lineNumber += lines;
        pos = run.end;
        if (pos >= end) break;
      }
      const taken = sink.lineAt ? sink.lineAt(bytes, pos, end) : -1;
      if (taken >= 0) {
        this.read++;
        pos = taken + 1;
        continue;
      }
      let next = pos;
      let field = 0;
      bounds[0] = pos;
      for (; next < end; next++) {
        const byte = bytes[next];
        if (byte === LINE_FEED) break;
        // Past the header's width the count goes on, so that the line is known to be too wide.
        if (byte === COMMA && ++field <= last) bounds[field] = next + 1;
      }
      const stop = next > pos && bytes[next - 1] === CARRIAGE_RETURN ? next - 1 : next;
      bounds[last + 1] = stop + 1;
      if (field === last && this.sink.lineBytes!(bytes, bounds)) this.read++;
      else this.recoverLines(decode(bytes, pos, next), lineNumber);
      pos = next + 1;
    }
    this.pendingLine = lineNumber;
  }

  /** Parses what is left at the end of the file; throws InputError if there was no header at all. */
  end(): void {
    this.consume('', true);
    if (this.width < 0) {
      throw new InputError(`${this.kind} file ${this.file} is empty: it has no header row`, this.file);
    }
  }

  private consume(text: string, last: boolean): void {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.substring(1);
    }
    if (this.skipping !== undefined) {
      const next = text.indexOf('\n');
      if (next === -1 && !last) return;
      this.finishSkipping();
      text = next === -1 ? '' : text.substring(next + 1);
    }
    const hasQuote = text.indexOf('"') !== -1 || this.pending.indexOf('"') !== -1;
    const input = this.pending.length === 0 ? text : this.pending + text;
    const result: ChunkResult = (hasQuote ? this.quoted : this.plain).parse(input, 0, !last);
    const errors = hasQuote ? errorsByRow(result.errors, result.data.length) : undefined;
    const locator = new LineLocator(input, this.pendingLine);

    let line = this.pendingLine;
    const rows = result.data;
    for (let i = 0; i < rows.length; i++) {
      const fields = rows[i];
      const extraLines = hasQuote ? newlinesIn(fields) : 0;
      const error = errors?.get(i);
      if (error === undefined) {
        this.take(fields, line, extraLines, locator);
      } else if (extraLines === 0 && error.code !== 'MissingQuotes') {
        this.take(fields, line, 0, locator, quoteProblem(error));
      } else {
        this.recoverLines(locator.lines(line, line + extraLines), line);
      }
      line += extraLines + 1;
    }
    this.keepPending(input.substring(result.meta.cursor), line);
  }

  /**
   * Keeps the unparsed end of the input for the next chunk. Papaparse leaves a row unparsed while a
   * quoted field in it is open, and would keep growing it until the quote closes, possibly at a
   * stray quote megabytes later or never. Past MAX_PENDING_CHARS the quote is taken as broken: the
   * complete lines are read one by one and only the last, unfinished line waits for more text.
   */
  private keepPending(rest: string, line: number): void {
    if (rest.length > MAX_PENDING_CHARS) {
      const cut = rest.lastIndexOf('\n');
      if (cut === -1 && this.width >= 0) {
        this.startSkipping(rest, line);
        return;
      }
      if (cut === -1) {
        throw new InputError(
          `${this.kind} file ${this.file}: line ${line} is longer than ${MAX_PENDING_CHARS} characters; ` +
            'expected CSV text with LF or CRLF line ends',
          this.file,
        );
      }
      const complete = rest.substring(0, cut);
      this.recoverLines(complete, line);
      line += countNewlines(complete) + 1;
      rest = rest.substring(cut + 1);
    }
    this.pending = rest;
    this.pendingLine = line;
  }

  /**
   * A data line longer than MAX_PENDING_CHARS is one bad row, not a broken file: its text is
   * dropped as it streams past (only its start is kept, for the reject) up to its line break, and
   * the rows after it are read as usual.
   */
  private startSkipping(text: string, line: number): void {
    this.skipping = { line, head: ownString(text.substring(0, REJECT_HEAD_CHARS)) };
    this.pending = '';
    this.pendingLine = line;
  }

  private finishSkipping(): void {
    const { line, head } = this.skipping!;
    this.skipping = undefined;
    this.read++;
    this.rejected++;
    this.onReject?.({
      file: this.file,
      line,
      reason: `is longer than ${MAX_PENDING_CHARS} characters`,
      raw: `${head}…`,
    });
    this.pendingLine = line + 1;
  }

  /**
   * Reads a row with a broken quote again, one physical line at a time.
   *
   * What papaparse does with an unterminated quote: the field runs on, across line ends, to the next
   * quote char anywhere later in the text (flagging InvalidQuotes when that quote is not followed by a
   * comma or line end), or to the end of the file (MissingQuotes). Taken as is, one stray quote would
   * swallow every row after it. So when a row with a quote error spans several lines, or never ends,
   * each of its lines is parsed on its own: the line with the stray quote is rejected and the lines
   * after it are rows again. Rows after the broken one were parsed from a row boundary and are fine.
   */
  private recoverLines(text: string, firstLine: number): void {
    const locator = new LineLocator(text, firstLine);
    const lineCount = countNewlines(text) + 1;
    for (let line = firstLine; line < firstLine + lineCount; line++) {
      const lineText = locator.lines(line, line);
      const hasQuote = lineText.indexOf('"') !== -1;
      const result: ChunkResult = (hasQuote ? this.quoted : this.plain).parse(lineText, 0, false);
      const error = result.errors[0];
      // Papaparse returns no row at all for empty text.
      const fields = result.data[0] ?? [''];
      this.take(fields, line, 0, locator, error === undefined ? undefined : quoteProblem(error));
    }
  }

  /** Hands one parsed row (starting at `line`, spanning `extraLines` more) to the header or the sink. */
  private take(fields: string[], line: number, extraLines: number, locator: LineLocator, problem?: string): void {
    if (problem === undefined && fields.length === 1 && fields[0].trim() === '') return; // blank line
    if (this.width < 0) {
      this.takeHeader(fields, line, problem);
      return;
    }
    this.read++;
    const reason =
      problem ??
      (fields.length === this.width
        ? this.sink.row(fields)
        : `has ${fields.length} field${fields.length === 1 ? '' : 's'}, header has ${this.width}`);
    if (reason !== null) this.reject(line, reason, locator.lines(line, line + extraLines));
  }

  private takeHeader(fields: string[], line: number, problem: string | undefined): void {
    if (problem !== undefined) {
      const message = `${this.kind} file ${this.file}: the header (line ${line}) cannot be read: ${problem}`;
      throw new InputError(message, this.file);
    }
    const headerProblem = this.sink.header(fields.map((name) => name.trim()));
    if (headerProblem !== null) {
      // A carriage return inside the header: the file ends its lines with CR alone (old Mac style).
      const crOnly = fields.some((name) => name.trim().indexOf('\r') !== -1)
        ? '; its lines seem to end with CR alone, expected LF or CRLF'
        : '';
      throw new InputError(`${this.kind} file ${this.file}: ${headerProblem}${crOnly}`, this.file);
    }
    this.width = fields.length;
    this.fieldBounds = new Int32Array(this.width + 1);
  }

  private reject(line: number, reason: string, raw: string): void {
    this.rejected++;
    // Copies, because reason and raw are cut from the chunk and rejects may be kept to the end.
    this.onReject?.({ file: this.file, line, reason: ownString(reason), raw: ownString(raw) });
  }
}

function decode(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

/** The first quote error of each complete row, preferring MissingQuotes; errors past the last row are dropped. */
function errorsByRow(errors: readonly ParseError[], rowCount: number): Map<number, ParseError> | undefined {
  if (errors.length === 0) return undefined;
  const byRow = new Map<number, ParseError>();
  for (const error of errors) {
    // An error on the unfinished last row is re-found when the row is parsed whole with the next chunk.
    if (error.row === undefined || error.row >= rowCount) continue;
    const seen = byRow.get(error.row);
    if (seen === undefined || error.code === 'MissingQuotes') byRow.set(error.row, error);
  }
  return byRow;
}

function quoteProblem(error: ParseError): string {
  return error.code === 'MissingQuotes'
    ? 'a quoted field is never closed'
    : 'a quoted field has text after its closing quote';
}

/** Line breaks inside the fields of a row: only quoted fields can hold them. */
function newlinesIn(fields: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < fields.length; i++) {
    if (fields[i].indexOf('\n') !== -1) count += countNewlines(fields[i]);
  }
  return count;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
