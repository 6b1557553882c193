import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { microsFromPg } from '../instants';

/** One store's rows from the window query, as they arrive. */
export interface StoreChunk {
  storeId: string;
  timeZone: string | undefined;
  /** Whole microseconds since the epoch, in time order. */
  micros: number[];
  active: boolean[];
}

/** Binary COPY's signature, flags and header-extension length, before the first row. */
const HEADER_BYTES = 19;

/**
 * Streams `COPY (query) TO STDOUT (FORMAT binary)` for a query of (store id, zone or null,
 * timestamptz, boolean) rows ordered by store, and yields one store at a time, so memory holds
 * one store's polls, never the table's. Binary because the server then sends each instant as its
 * 8 stored bytes instead of formatting it (measured on 2.2M polls: 1.9 s against 3.1 s).
 */
export async function* storesFromCopy(client: Client, query: string): AsyncGenerator<StoreChunk> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
  const reader = new RowReader();
  for await (const chunk of stream) yield* reader.read(chunk as Buffer);
  if (reader.current) yield reader.current;
}

class RowReader {
  current: StoreChunk | undefined;
  private currentId = Buffer.alloc(0);
  private pending = Buffer.alloc(0);
  private headerSeen = false;

  /** The stores completed by this chunk; the last one may go on in the next. */
  read(chunk: Buffer): StoreChunk[] {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = this.headerSeen ? 0 : HEADER_BYTES;
    if (buf.length < pos) return this.keep(buf, 0, []);
    this.headerSeen = true;
    const done: StoreChunk[] = [];
    for (;;) {
      const end = rowEnd(buf, pos);
      if (end < 0) return this.keep(buf, pos, done);
      if (end === pos + 2) return this.keep(buf, end, done); // the trailer: no more rows
      this.row(buf, pos + 2, done);
      pos = end;
    }
  }

  private keep(buf: Buffer, from: number, done: StoreChunk[]): StoreChunk[] {
    this.pending = Buffer.from(buf.subarray(from)); // a copy: the chunk itself is not kept alive
    return done;
  }

  /** Reads the four fields from `at` (the row is known to be complete). */
  private row(buf: Buffer, at: number, done: StoreChunk[]): void {
    const idLength = buf.readInt32BE(at);
    const idStart = at + 4;
    at = idStart + idLength;
    const zoneLength = buf.readInt32BE(at);
    at += 4;
    if (!this.current || this.currentId.compare(buf, idStart, idStart + idLength) !== 0) {
      if (this.current) done.push(this.current);
      this.currentId = Buffer.from(buf.subarray(idStart, idStart + idLength));
      const timeZone = zoneLength < 0 ? undefined : buf.toString('utf8', at, at + zoneLength);
      this.current = { storeId: this.currentId.toString('utf8'), timeZone, micros: [], active: [] };
    }
    at += Math.max(0, zoneLength) + 4;
    this.current.micros.push(microsFromPg(buf.readInt32BE(at), buf.readUInt32BE(at + 4)));
    this.current.active.push(buf[at + 12] === 1);
  }
}

/** Where the row starting at `pos` ends, or -1 when the buffer does not hold all of it yet. */
function rowEnd(buf: Buffer, pos: number): number {
  if (pos + 2 > buf.length) return -1;
  const fields = buf.readInt16BE(pos);
  let at = pos + 2;
  for (let field = 0; field < fields; field++) {
    if (at + 4 > buf.length) return -1;
    at += 4 + Math.max(0, buf.readInt32BE(at));
  }
  return at <= buf.length ? at : -1;
}
