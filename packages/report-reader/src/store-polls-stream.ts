import { copyOutBinary } from '@store-monitor/db';
import type { ClientBase } from 'pg';
import { decodeBooleans, decodeInstants } from './binary-arrays';

/** One store's polls from the window query. */
export interface StoreChunk {
  storeId: string;
  timeZone: string | undefined;
  /** Whole microseconds since the epoch, in time order. */
  micros: Float64Array;
  /** 1 active, 0 inactive, one for each instant. */
  active: Uint8Array;
}

/**
 * Streams the window query's rows, one a store in store order: (id, zone or null, timestamptz[],
 * boolean[]), and yields each store with its polls in time order (the query does not promise that
 * order: see windowPollsSql). Memory holds a network chunk's stores, never the table's polls.
 * Binary, so each instant arrives as its 8 stored bytes, and one row a store, so the id and the
 * zone arrive once, not with every poll (measured on 2.2M polls: see docs/database.md).
 */
export async function* storesFromCopy(client: ClientBase, query: string): AsyncGenerator<StoreChunk> {
  for await (const { buf, starts } of copyOutBinary(client, query)) {
    for (const start of starts) yield decodeStore(buf, start);
  }
}

function decodeStore(buf: Buffer, start: number): StoreChunk {
  let at = start;
  const idLength = buf.readInt32BE(at);
  const storeId = buf.toString('utf8', at + 4, at + 4 + idLength);
  at += 4 + idLength;
  const zoneLength = buf.readInt32BE(at);
  const timeZone = zoneLength < 0 ? undefined : buf.toString('utf8', at + 4, at + 4 + zoneLength);
  at += 4 + Math.max(0, zoneLength);
  const micros = decodeInstants(buf, at + 4);
  at += 4 + buf.readInt32BE(at);
  const active = decodeBooleans(buf, at + 4);
  if (active.length !== micros.length)
    throw new Error(`store ${JSON.stringify(storeId)}: ${micros.length} instants but ${active.length} statuses`);
  return inTimeOrder({ storeId, timeZone, micros, active });
}

/**
 * The store's polls in time order (no two share an instant: it is half the table's key), sorted in
 * place when they are not. The usual disorder, the evidence newest first and then the window oldest
 * first, is undone by reversing the first run; anything else gets a full sort.
 */
export function inTimeOrder(chunk: StoreChunk): StoreChunk {
  const { micros, active } = chunk;
  if (isAscending(micros)) return chunk;
  let run = 1;
  while (run < micros.length && micros[run] < micros[run - 1]) run++;
  micros.subarray(0, run).reverse();
  active.subarray(0, run).reverse();
  if (isAscending(micros)) return chunk;
  const order = Array.from(micros.keys()).sort((a, b) => micros[a] - micros[b]);
  const [at, status] = [micros.slice(), active.slice()];
  order.forEach((from, to) => {
    micros[to] = at[from];
    active[to] = status[from];
  });
  return chunk;
}

function isAscending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] <= values[i - 1]) return false;
  return true;
}
