/** What a reader for one kind of file does with the rows the CSV layer hands it. */
export interface RowSink {
  /**
   * Receives the header's column names (trimmed, byte-order mark removed). Returns null when every
   * required column is there, or a description of what is wrong with the header.
   */
  header(names: readonly string[]): string | null;
  /**
   * Uses one data row (untrimmed fields, as many as the header has). Returns null when the row was
   * used, or why it was rejected.
   */
  row(fields: readonly string[]): string | null;
  /**
   * Optional fast path for a line with no quote char and as many fields as the header, read from
   * the file's UTF-8 bytes where they stand: field i is `bytes` from `bounds[i]` to
   * `bounds[i + 1] - 1` (the line break and a carriage return before it excluded). Returns true
   * when the line was a valid row and was used. False hands the line, decoded, to papaparse and
   * `row`, which give the same result or the reject with its reason; so a fast path only ever
   * needs to recognise the common, valid shape.
   */
  lineBytes?(bytes: Uint8Array, bounds: Int32Array): boolean;
  /**
   * Optional fastest path, tried before lineBytes on each such line: the line that starts at
   * `start` (before `end`), read in one pass by a reader that knows its file's usual layout.
   * Returns the index of the line's break (or `end`) when the line was a valid row and was used;
   * -1 hands it to the path above, unchanged (nothing may be used or counted before deciding).
   */
  lineAt?(bytes: Uint8Array, start: number, end: number): number;
  /**
   * Optional bulk path for the same lines, tried before lineAt: a reader of whole runs of lines in
   * bytes[start, end) (the polls reader's compiled scan), or null when it does not take these.
   */
  lineRun?(bytes: Uint8Array, start: number, end: number): LineRun | null;
}

/** Reads lines in bulk (RowSink.lineRun); it takes only lines lineAt would take, with the same effect. */
export interface LineRun {
  /**
   * Takes whole lines from `start` on until one it does not take (or the run's end); returns how
   * many, with `end` then just past the last one taken.
   */
  take(start: number): number;
  end: number;
}
