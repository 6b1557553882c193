import { once } from 'node:events';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const BATCH_CHARS = 64 * 1024;

/**
 * Lines written into `COPY table FROM STDIN` (text format), with backpressure: `drained()` is a
 * promise to await when the server falls behind, undefined when it has kept up.
 */
export class CopyStream {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<unknown>;
  private full = false;
  private batch = '';

  constructor(client: ClientBase, table: string, columns: readonly string[]) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    // Errors surface through `done`; without a listener they would crash the process.
    this.done.catch(() => undefined);
  }

  /**
   * Lines are gathered into batches of about BATCH_CHARS: each write is one CopyData message on
   * the wire, and millions of one-line messages cost far more than the rows themselves.
   */
  write(line: string): void {
    this.batch += line;
    if (this.batch.length >= BATCH_CHARS) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    if (!this.stream.write(this.batch)) this.full = true;
    this.batch = '';
  }

  readonly drained = (): Promise<void> | undefined => {
    if (!this.full) return undefined;
    this.full = false;
    return once(this.stream, 'drain').then(() => undefined);
  };

  async end(): Promise<void> {
    this.flush();
    this.stream.end();
    await this.done;
  }
}

/** A value for PostgreSQL's COPY text format: backslash, tab and line breaks escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeChar) : value;
}

function escapeChar(char: string): string {
  return char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r';
}
