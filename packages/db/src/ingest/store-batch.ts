import type { Client } from 'pg';
import { BinaryPollsCopy } from './binary-polls-copy';
import { CopyStream } from './copy-stream';
import { copyText } from './copy-text';
import type { PollBatch, SortedBatch } from './poll-batch';
import { ADVANCE_LATEST, APPLY_CHANGES, FALLBACK_MERGE, FALLBACK_STAGE, LATEST_KNOWN } from './polls-sql';
import { FATE, compareWithStored } from './stored-polls';
import { upsertCounts } from './upsert-counts';

export interface BatchCounts {
  inserted: number;
  updated: number;
}

/**
 * Writes a batch of polls. A store's rows after its latest stored poll cannot be stored yet, so
 * they go straight in by COPY; only older rows are compared with what is stored. A first load
 * and hourly appends are therefore one bulk COPY, and a repeated file is one read and no writes.
 */
export async function storeBatch(client: Client, batch: PollBatch): Promise<BatchCounts> {
  const sorted = batch.sorted();
  const latest = await latestKnown(client, batch, sorted);
  const olderEnd = olderRowsEnd(batch, sorted, latest);
  const fates = new Uint8Array(sorted.rows.length);
  await compareWithStored(client, batch, sorted, olderEnd, fates);
  const counts = await insertNew(client, batch, sorted, fates);
  counts.updated += await applyChanges(client, batch, sorted, fates);
  await advanceLatest(client, batch, sorted, latest);
  return counts;
}

/** Each batch store's latest stored poll in microseconds, -Infinity when it has none. */
async function latestKnown(client: Client, batch: PollBatch, sorted: SortedBatch): Promise<Float64Array> {
  const copy = new CopyStream(client, 'ingest_stores', ['ord', 'store_id']);
  sorted.segments.forEach((segment, ord) => copy.write(`${ord}\t${copyText(batch.stores.ids[segment.store])}\n`));
  await copy.end();
  const latest = new Float64Array(sorted.segments.length).fill(-Infinity);
  const { rows } = await client.query<{ ord: number; us: string }>(LATEST_KNOWN);
  for (const row of rows) latest[row.ord] = Number(row.us);
  return latest;
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
async function insertNew(client: Client, batch: PollBatch, sorted: SortedBatch, fates: Uint8Array): Promise<BatchCounts> {
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

async function copyRows(client: Client, batch: PollBatch, sorted: SortedBatch, fates: Uint8Array, fate: number): Promise<number> {
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

async function mergeSlowly(client: Client, batch: PollBatch, sorted: SortedBatch, fates: Uint8Array): Promise<BatchCounts> {
  await client.query(FALLBACK_STAGE);
  await client.query('TRUNCATE ingest_fallback');
  await copyFateRows(client, 'ingest_fallback', batch, sorted, fates, FATE.insert);
  return upsertCounts(client, FALLBACK_MERGE);
}

async function applyChanges(client: Client, batch: PollBatch, sorted: SortedBatch, fates: Uint8Array): Promise<number> {
  const changed = await copyFateRows(client, 'ingest_changes', batch, sorted, fates, FATE.change);
  if (changed > 0) await client.query(APPLY_CHANGES);
  return changed;
}

/** Rows of one fate into a (store_id, at_us, active) scratch table. */
async function copyFateRows(client: Client, table: string, batch: PollBatch, sorted: SortedBatch, fates: Uint8Array, fate: number): Promise<number> {
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

/** Creates the batch's new stores and moves each store's latest poll forward. */
async function advanceLatest(client: Client, batch: PollBatch, sorted: SortedBatch, latest: Float64Array): Promise<void> {
  const copy = new CopyStream(client, 'ingest_latest', ['store_id', 'at_us']);
  sorted.segments.forEach((segment, ord) => {
    const newest = batch.atUs[sorted.rows[segment.end - 1]];
    if (newest > latest[ord]) copy.write(`${copyText(batch.stores.ids[segment.store])}\t${newest}\n`);
  });
  await copy.end();
  await client.query(ADVANCE_LATEST);
}
