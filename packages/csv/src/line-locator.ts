/**
 * Finds where physical lines start in a block of parsed text, scanning forward only as far as asked.
 * Used only for rejected rows and quote recovery, so good rows never pay for it. Rows are handled in
 * file order, so lines are asked for in increasing order and the scan never goes back.
 */
export class LineLocator {
  private offset = 0;
  private line: number;

  constructor(
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
  }

  /** Offset in the text where `line` starts (the text length if the text ends first). */
  start(line: number): number {
    while (this.line < line) {
      const newline = this.text.indexOf('\n', this.offset);
      if (newline === -1) return this.text.length;
      this.offset = newline + 1;
      this.line++;
    }
    return this.offset;
  }

  /** Lines `first` to `last` as written, without the line break that ends `last`. */
  lines(first: number, last: number): string {
    const from = this.start(first);
    let to = this.text.indexOf('\n', this.start(last));
    if (to === -1) to = this.text.length;
    if (to > from && this.text.charCodeAt(to - 1) === 13) to--;
    return this.text.substring(from, to);
  }
}
