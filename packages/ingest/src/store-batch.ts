import type { ClientBase } from 'pg';
import { BinaryPollsCopy } from './binary-polls-copy';
import { CopyStream, copyText } from './copy-stream';
import type { PollBatch, SortedBatch } from './poll-batch';
import { WIDEN_SPANS, APPLY_CHANGES, FALLBACK_MERGE, FALLBACK_STAGE, STORED_SPANS } from './polls-sql';
import { FATE, compareWithStored } from './stored-polls';

export interface BatchCounts {
  inserted: number;
  updated: number;
}

/**
 * Writes a batch of polls. A store's rows after its latest stored poll cannot be stored yet, so
 * they go straight in by COPY; only older rows are compared with what is stored. A first load
 * and hourly appends are therefore one bulk COPY, and a repeated file is one read and no writes.
 */
export async function storeBatch(client: ClientBase, batch: PollBatch): Promise<BatchCounts> {
  const sorted = batch.sorted();
  const { first, latest } = await storedSpans(client, batch, sorted);
  const olderEnd = olderRowsEnd(batch, sorted, latest);
  const fates = new Uint8Array(sorted.rows.length);
  await compareWithStored(client, batch, sorted, olderEnd, fates);
  const counts = await insertNew(client, batch, sorted, fates);
  counts.updated += await applyChanges(client, batch, sorted, fates);
  await widenSpans(client, batch, sorted, first, latest);
  return counts;
}

/** Each batch store's first and latest stored poll in microseconds (none: +Infinity, -Infinity). */
async function storedSpans(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
): Promise<{ first: Float64Array; latest: Float64Array }> {
  const copy = new CopyStream(client, 'ingest_stores', ['ord', 'store_id']);
  for (const [ord, segment] of sorted.segments.entries()) {
    copy.write(`${ord}\t${copyText(batch.stores.ids[segment.store])}\n`);
  }
  await copy.end();
  const first = new Float64Array(sorted.segments.length).fill(Infinity);
  const latest = new Float64Array(sorted.segments.length).fill(-Infinity);
  const { rows } = await client.query<{ ord: number; first_us: string | null; us: string }>(STORED_SPANS);
  for (const row of rows) {
    // A store stored before first_poll_at existed has none until the migration's backfill ran.
    if (row.first_us !== null) first[row.ord] = Number(row.first_us);
    latest[row.ord] = Number(row.us);
  }
  return { first, latest };
}

/** Where each store's older rows end: its rows are in time order, so the newer ones follow. */
function olderRowsEnd(batch: PollBatch, sorted: SortedBatch, latest: Float64Array): Int32Array {
  const ends = new Int32Array(sorted.segments.length);
  sorted.segments.forEach((segment, ord) => {
    let end = segment.start;
    while (end < segment.end && batch.atUs[sorted.rows[end]] <= latest[ord]) end++;
    ends[ord] = end;
  });
  return ends;
}

/**
 * COPYs the new rows, in key order. Should another writer have stored some of them since this
 * batch looked (a unique violation), the batch's inserts are undone and merged the slow way.
 */
async function insertNew(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
  fates: Uint8Array,
): Promise<BatchCounts> {
  await client.query('SAVEPOINT ingest_batch');
  try {
    const inserted = await copyRows(client, batch, sorted, fates, FATE.insert);
    await client.query('RELEASE SAVEPOINT ingest_batch');
    return { inserted, updated: 0 };
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT ingest_batch');
    return mergeSlowly(client, batch, sorted, fates);
  }
}

async function copyRows(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
  fates: Uint8Array,
  fate: number,
): Promise<number> {
  const copy = new BinaryPollsCopy(client);
  let count = 0;
  for (const segment of sorted.segments) {
    const id = Buffer.from(batch.stores.ids[segment.store], 'utf8');
    for (let pos = segment.start; pos < segment.end; pos++) {
      if (fates[pos] !== fate) continue;
      const row = sorted.rows[pos];
      copy.write(id, batch.atUs[row], batch.active[row] === 1);
      count++;
    }
    const drained = copy.drained();
    if (drained) await drained;
  }
  await copy.end();
  return count;
}

async function mergeSlowly(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
  fates: Uint8Array,
): Promise<BatchCounts> {
  await client.query(FALLBACK_STAGE);
  await client.query('TRUNCATE ingest_fallback');
  await copyFateRows(client, 'ingest_fallback', batch, sorted, fates, FATE.insert);
  const { rows } = await client.query<BatchCounts>(FALLBACK_MERGE);
  return rows[0];
}

/** Changes the rows found to differ; counts those the UPDATE changed, not those it was given. */
async function applyChanges(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
  fates: Uint8Array,
): Promise<number> {
  const changed = await copyFateRows(client, 'ingest_changes', batch, sorted, fates, FATE.change);
  if (changed === 0) return 0;
  const { rowCount } = await client.query(APPLY_CHANGES);
  return rowCount ?? 0;
}

/** Rows of one fate into a (store_id, at_us, active) scratch table. */
async function copyFateRows(
  client: ClientBase,
  table: string,
  batch: PollBatch,
  sorted: SortedBatch,
  fates: Uint8Array,
  fate: number,
): Promise<number> {
  const copy = new CopyStream(client, table, ['store_id', 'at_us', 'active']);
  let count = 0;
  for (const segment of sorted.segments) {
    const id = copyText(batch.stores.ids[segment.store]);
    for (let pos = segment.start; pos < segment.end; pos++) {
      if (fates[pos] !== fate) continue;
      const row = sorted.rows[pos];
      copy.write(`${id}\t${batch.atUs[row]}\t${batch.active[row] === 1 ? 't' : 'f'}\n`);
      count++;
    }
  }
  await copy.end();
  return count;
}

/**
 * Creates the batch's new stores and widens each store's span of polls (first and latest) to take
 * in the batch's rows; a store whose span already covers them is not written, so a repeated file
 * still writes nothing.
 */
async function widenSpans(
  client: ClientBase,
  batch: PollBatch,
  sorted: SortedBatch,
  first: Float64Array,
  latest: Float64Array,
): Promise<void> {
  const copy = new CopyStream(client, 'ingest_spans', ['store_id', 'first_us', 'at_us']);
  sorted.segments.forEach((segment, ord) => {
    const oldest = batch.atUs[sorted.rows[segment.start]];
    const newest = batch.atUs[sorted.rows[segment.end - 1]];
    if (oldest < first[ord] || newest > latest[ord])
      copy.write(`${copyText(batch.stores.ids[segment.store])}\t${oldest}\t${newest}\n`);
  });
  await copy.end();
  await client.query(WIDEN_SPANS);
}

/**
 * Runs an `INSERT ... ON CONFLICT DO UPDATE ... WHERE <changed>` and counts what it did: rows new
 * to the table (inserted) and rows it changed (updated). Rows it left alone are not returned.
 */
export async function upsertCounts(client: ClientBase, upsert: string): Promise<{ inserted: number; updated: number }> {
  const { rows } = await client.query<{ inserted: number; updated: number }>(`
    WITH merged AS (${upsert} RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
           count(*) FILTER (WHERE NOT inserted)::int AS updated
    FROM merged`);
  return rows[0];
}
