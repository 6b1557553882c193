import { StringDecoder } from 'node:string_decoder';
import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
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
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  let current: StoreChunk | undefined;
  let rest = '';
  const decoder = new StringDecoder('utf8'); // a character may straddle two chunks
  for await (const chunk of stream) {
    const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
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
