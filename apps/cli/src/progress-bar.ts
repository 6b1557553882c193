/** A one-line progress bar on standard error, drawn only when it is a terminal. */
export class ProgressBar {
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = Boolean(stream.isTTY);
  }

  update(done: number, total: number): void {
    if (!this.enabled || total <= 0) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < total) return; // redrawing more often only costs time
    this.lastDraw = now;
    const width = 30;
    const share = Math.min(1, done / total);
    const filled = Math.round(share * width);
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    this.stream.write(`\r${this.label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}%`);
  }

  finish(): void {
    if (this.enabled && this.lastDraw > 0) this.stream.write('\r\x1b[K');
  }
}
