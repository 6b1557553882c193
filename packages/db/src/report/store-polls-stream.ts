import type { Client } from 'pg';
import { copyOutLines } from '../copy-out-lines';
import { fromCopyText } from '../ingest/copy-text';

/** One store's rows from the window query, as they arrive. */
export interface StoreChunk {
  storeId: string;
  timeZone: string | undefined;
  micros: bigint[];
  active: boolean[];
}

/**
 * Streams `COPY (query) TO STDOUT` and yields one store at a time (the query orders by store), so
 * memory holds one store's polls, never the table's.
 */
export async function* storesFromCopy(client: Client, query: string): AsyncGenerator<StoreChunk> {
  let current: StoreChunk | undefined;
  for await (const lines of copyOutLines(client, query)) {
    for (const line of lines) {
      const [id, zone, us, active] = line.split('\t');
      const storeId = fromCopyText(id);
      if (current?.storeId !== storeId) {
        if (current) yield current;
        current = { storeId, timeZone: zone === '' ? undefined : fromCopyText(zone), micros: [], active: [] };
      }
      current.micros.push(BigInt(us));
      current.active.push(active === 't');
    }
  }
  if (current) yield current;
}
