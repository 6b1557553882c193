import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** Binary COPY's signature, flags and header-extension length, before the first row. */
const HEADER_BYTES = 19;

/** The complete rows that arrived in one network chunk: each is the offset of its first field. */
export interface BinaryRows {
  buf: Buffer;
  starts: number[];
}

/**
 * The rows of `COPY (query) TO STDOUT (FORMAT binary)` as they arrive, a network chunk's worth at
 * a time, so memory never holds the whole result. Binary because the server then sends instants
 * and numbers as their stored bytes instead of formatting each one as text.
 */
export async function* copyOutBinary(client: ClientBase, query: string): AsyncGenerator<BinaryRows> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
  let pending: Buffer = Buffer.alloc(0);
  let headerSeen = false;
  for await (const chunk of stream) {
    const buf = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let pos = headerSeen ? 0 : HEADER_BYTES;
    if (buf.length < pos) {
      pending = buf;
      continue;
    }
    headerSeen = true;
    const starts: number[] = [];
    for (let end = rowEnd(buf, pos); end > pos + 2; end = rowEnd(buf, pos)) {
      starts.push(pos + 2);
      pos = end;
    }
    // What is left is part of a row, or the trailer; copied, so the chunk itself is not kept.
    pending = Buffer.from(buf.subarray(pos));
    if (starts.length > 0) yield { buf, starts };
  }
}

/**
 * Where the row starting at `pos` ends, or -1 when the buffer does not hold all of it yet. The
 * trailer (a field count of -1) ends at pos + 2, which no row of one field or more does.
 */
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
