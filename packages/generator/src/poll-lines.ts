import { CHUNK_CHARS } from './chunked-file';
import type { GenerateOptions } from './options';
import type { StoreSpec } from './poll-profile';
import { PollMerger, type PollVisitor } from './poll-order';
import { formatTimestamp } from './timestamp';

export const POLLS_HEADER = 'store_id,status,timestamp_utc';

/** Rows of the polls file are about 60 to 80 characters. */
const POLLS_PER_CHUNK = Math.floor(CHUNK_CHARS / 64);

/**
 * The polls file as chunks of text, each made when the writer asks for it. `counter.polls` counts
 * the rows made; `onProgress` gets hours of the window merged, out of all.
 */
export function* pollChunks(
  stores: readonly StoreSpec[],
  options: GenerateOptions,
  counter: { polls: number },
  onProgress?: (done: number, total: number) => void,
): Generator<string> {
  const merger = new PollMerger(stores, options);
  let chunk = `${POLLS_HEADER}\n`;
  const append: PollVisitor = (storeId, atMicros, active) => {
    chunk += `${storeId},${active ? 'active' : 'inactive'},${formatTimestamp(atMicros)}\n`;
  };
  let reported = 0;
  let given = merger.take(append, POLLS_PER_CHUNK);
  while (given > 0) {
    counter.polls += given;
    yield chunk;
    chunk = '';
    if (merger.done > reported) {
      reported = merger.done;
      onProgress?.(reported, merger.hours);
    }
    given = merger.take(append, POLLS_PER_CHUNK);
  }
  // Only the header is left when there were no polls at all.
  if (chunk !== '') yield chunk;
  if (reported < merger.hours) onProgress?.(merger.hours, merger.hours);
}
