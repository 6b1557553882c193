import { StringDecoder } from 'node:string_decoder';
import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * The lines of `COPY (query) TO STDOUT` (text format) as they arrive, a network chunk's worth at
 * a time: memory never holds the whole result, and the async iteration costs once per chunk
 * rather than once per line.
 */
export async function* copyOutLines(client: Client, query: string): AsyncGenerator<string[]> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  const decoder = new StringDecoder('utf8'); // a character may straddle two chunks
  let rest = '';
  for await (const chunk of stream) {
    const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
}
