import { once } from 'node:events';
import type { PoolClient, Client } from 'pg';
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

  constructor(client: Client | PoolClient, table: string, columns: readonly string[]) {
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

  /** Fails the COPY (the server discards it), so the connection is free for the rollback. */
  async abort(reason: Error): Promise<void> {
    this.stream.destroy(reason);
    await this.done.catch(() => undefined);
  }
}
