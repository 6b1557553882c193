import type { ClientBase } from 'pg';
import { copyOutBinary, microsFromPg } from '@store-monitor/db';
import { CopyStream } from './copy-stream';
import type { PollBatch, SortedBatch } from './poll-batch';
import { STORED_IN_RANGES } from './polls-sql';

/** What becomes of a row of the batch. */
export const FATE = { insert: 0, same: 1, change: 2 } as const;

/**
 * Marks each of the batch's older rows (those at or before their store's latest stored poll, which
 * may already be stored) as stored alike (`same`), stored with another status (`change`) or new
 * (left `insert`). The stored polls come back in the batch's own order, so one merge pass over
 * both lists does it, in constant memory, where a lookup per row would cost a query or a hash
 * table of millions.
 */
export async function compareWithStored(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
  olderEnd: Int32Array,
  fates: Uint8Array,
): Promise<void> {
  if (!(await writeRanges(client, batch, sorted, olderEnd))) return;
  const { rows, segments } = sorted;
  const at = batch.atUs;
  let ord = -1;
  let pos = 0;
  let end = 0;
  for await (const { buf, starts } of copyOutBinary(client, STORED_IN_RANGES)) {
    for (const start of starts) {
      // Fields: ord (int4), at (timestamptz), active (bool), each after its 4-byte length.
      const rowOrd = buf.readInt32BE(start + 4);
      if (rowOrd !== ord) {
        ord = rowOrd;
        pos = segments[ord].start;
        end = olderEnd[ord];
      }
      const us = microsFromPg(buf.readInt32BE(start + 12), buf.readUInt32BE(start + 16));
      while (pos < end && at[rows[pos]] < us) pos++;
      if (pos < end && at[rows[pos]] === us) {
        fates[pos] = batch.active[rows[pos]] === buf[start + 24] ? FATE.same : FATE.change;
        pos++;
      }
    }
  }
}

/** Each store's span of older rows; false when there are none, so nothing needs reading. */
async function writeRanges(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
  olderEnd: Int32Array,
): Promise<boolean> {
  const copy = new CopyStream(client, 'ingest_ranges', ['ord', 'from_us', 'to_us']);
  let any = false;
  sorted.segments.forEach((segment, ord) => {
    if (olderEnd[ord] === segment.start) return;
    any = true;
    copy.write(`${ord}\t${batch.atUs[sorted.rows[segment.start]]}\t${batch.atUs[sorted.rows[olderEnd[ord] - 1]]}\n`);
  });
  await copy.end();
  return any;
}
