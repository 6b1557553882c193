/** A growing list of line numbers, four bytes each: a 40 MB body has hundreds of thousands of rows. */
export class LineIndex {
  private lines = new Int32Array(1024);
  count = 0;

  push(line: number): void {
    if (this.count === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.count++] = line;
  }

  /** The row (0-based) whose text starts at or before `line`. */
  rowOfLine(line: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lines[mid] <= line) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
