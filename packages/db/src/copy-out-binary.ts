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
 *
 * A row longer than a chunk (a store's polls as arrays can be megabytes) is gathered chunk by chunk
 * and joined once it is all there, not joined again with each chunk, which copied it over and over.
 */
export async function* copyOutBinary(client: ClientBase, query: string): AsyncGenerator<BinaryRows> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
  let gathered: Buffer[] = [];
  let gatheredBytes = 0;
  // Bytes the unfinished row (or the header) is known to need before parsing can go on.
  let neededBytes = HEADER_BYTES;
  let headerSeen = false;
  for await (const chunk of stream) {
    gathered.push(chunk as Buffer);
    gatheredBytes += (chunk as Buffer).length;
    if (gatheredBytes < neededBytes) continue;
    const buf = gathered.length === 1 ? gathered[0] : Buffer.concat(gathered, gatheredBytes);
    let pos = headerSeen ? 0 : HEADER_BYTES;
    headerSeen = true;
    const starts: number[] = [];
    let end = rowEnd(buf, pos);
    for (; end > pos + 2; end = rowEnd(buf, pos)) {
      starts.push(pos + 2);
      pos = end;
    }
    // What is left is part of a row, or the trailer; copied, so the chunk itself is not kept.
    const rest = Buffer.from(buf.subarray(pos));
    gathered = rest.length > 0 ? [rest] : [];
    gatheredBytes = rest.length;
    neededBytes = end < 0 ? -end - pos : 0;
    if (starts.length > 0) yield { buf, starts };
  }
}

/**
 * Where the row starting at `pos` ends; when the buffer does not hold all of it yet, minus the
 * furthest point it is known to reach so far (a number, not an object: ingest measures millions of
 * rows). The trailer (a field count of -1) ends at pos + 2, which no row of one field or more does.
 */
function rowEnd(buf: Buffer, pos: number): number {
  if (pos + 2 > buf.length) return -(pos + 2);
  const fields = buf.readInt16BE(pos);
  let at = pos + 2;
  for (let field = 0; field < fields; field++) {
    if (at + 4 > buf.length) return -(at + 4);
    at += 4 + Math.max(0, buf.readInt32BE(at));
  }
  return at <= buf.length ? at : -at;
}
