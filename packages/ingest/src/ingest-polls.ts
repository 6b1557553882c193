import { sourceName, streamPolls, type CsvSource } from '@store-monitor/csv';
import { ensurePollPartitions, inTransaction, weeksReached, type Database } from '@store-monitor/db';
import type { ClientBase } from 'pg';
import { recordRun, type IngestSummary, type SourceOptions } from './ingest-summary';
import { KeyRangeSpill, rangeBounds } from './key-range-spill';
import { PollBatch } from './poll-batch';
import { CLEAR_SCRATCH, SCRATCH_TABLES } from './polls-sql';
import { storeBatch, type BatchCounts } from './store-batch';

/**
 * Polls held in memory before they are written: about 13 bytes each plus sorting space, so a
 * batch stays near 100 MB however long the file. Batches are large on purpose: the whole batch is
 * sorted before it is written, and rows that reach the polls key in one ordered pass load much
 * faster than the same rows in several (measured on 2.2M polls: 4.3 s sorted, 7.0 s in four
 * sorted blocks).
 */
const BATCH_POLLS = 1 << 22;

export interface IngestOptions extends SourceOptions {
  /** Polls per batch (tests use tiny batches to cross batch boundaries). */
  batchPolls?: number;
  /**
   * Where a file larger than a batch is set aside while it is read (about 13 bytes a poll, removed
   * at the end): default the system's temporary folder (TMPDIR).
   */
  spillDir?: string;
  /**
   * Called after each batch of such a file is written, once the whole file was read (the reading
   * itself reports through onProgress): polls written so far and in all.
   */
  onWritten?: (written: number, total: number) => void;
}

/** Loads a polls file (or stream) in one transaction; repeating it adds nothing. */
export function ingestPolls(db: Database, csv: CsvSource, opts: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  return inTransaction(db, async (client) => {
    const { read, rejected, future, counts } = await readInBatches(db, client, csv, opts);
    const duplicates = read - rejected - counts.inserted - counts.updated;
    const source = opts.source ?? sourceName(csv);
    await recordRun(client, { source, kind: 'polls', read, inserted: counts.inserted, duplicates, rejected });
    const seconds = (performance.now() - started) / 1000;
    return { kind: 'polls', source, read, ...counts, duplicates, rejected, future, seconds };
  });
}

async function readInBatches(db: Database, client: ClientBase, csv: CsvSource, opts: IngestOptions) {
  for (const sql of SCRATCH_TABLES) await client.query(sql);
  const batch = new PollBatch();
  const counts: BatchCounts = { inserted: 0, updated: 0 };
  const flush = async (): Promise<void> => {
    if (batch.size === 0) return;
    // Every week the batch reaches gets its partition first, committed apart from this load
    // (see ensurePollPartitions): a poll with no partition to go to would fail the whole load.
    await ensurePollPartitions(db, weeksReached(batch.atUs, batch.size));
    await client.query(CLEAR_SCRATCH);
    const added = await storeBatch(client, batch);
    counts.inserted += added.inserted;
    counts.updated += added.updated;
    batch.clear();
  };
  const batchPolls = opts.batchPolls ?? BATCH_POLLS;
  const progress = { read: 0, total: 0 };
  let spill: KeyRangeSpill | undefined;
  // A file that fits one batch is written as one; a larger one is set aside by store-id range
  // (KeyRangeSpill) from the moment the first batch is full, and written range by range at the end.
  const afterChunk = () => {
    if (spill === undefined && batch.size >= batchPolls) spill = startSpill(batch, batchPolls, progress, opts.spillDir);
    if (spill !== undefined && batch.size >= SPILL_POLLS) setAside(spill, batch);
    return undefined;
  };
  const onProgress = (read: number, total: number) => {
    Object.assign(progress, { read, total });
    opts.onProgress?.(read, total);
  };
  try {
    const { read, rejected, future } = await streamPolls(csv, batch, { ...opts, afterChunk, onProgress });
    if (spill === undefined) await flush();
    else await writeSetAside(spill, batch, batchPolls, flush, opts.onWritten);
    return { read, rejected, future, counts };
  } finally {
    spill?.close();
  }
}

/**
 * Polls set aside at a time once the file is being set aside: small, so that memory stays near
 * one batch's, large enough that the per-range buffers fill in few calls.
 */
const SPILL_POLLS = 1 << 16;

/**
 * Cuts the ids seen so far into ranges of about a quarter of a batch each, by the polls the whole
 * file is expected to hold (its size against the bytes read; a stream of unknown size is taken to
 * be eight times as large), and sets the batch's polls aside into them. Batches are then filled
 * range after range; a range larger than expected is only cut by time within its own ids.
 */
function startSpill(
  batch: PollBatch,
  batchPolls: number,
  progress: { read: number; total: number },
  dir: string | undefined,
): KeyRangeSpill {
  const growth = progress.total > progress.read && progress.read > 0 ? progress.total / progress.read : 8;
  const bounds = rangeBounds(batch.stores.ids, batch.size * growth, batchPolls / 4);
  const spill = new KeyRangeSpill(batch.stores.ids, bounds, dir);
  setAside(spill, batch);
  return spill;
}

/**
 * Sets aside the polls still in the batch, then replays every range into it, writing it out
 * (`flush`) each time it is full and once at the end, with `onWritten` after each write.
 */
async function writeSetAside(
  spill: KeyRangeSpill,
  batch: PollBatch,
  batchPolls: number,
  flush: () => Promise<void>,
  onWritten: IngestOptions['onWritten'],
): Promise<void> {
  setAside(spill, batch);
  let written = 0;
  const write = async () => {
    written += batch.size;
    await flush();
    onWritten?.(written, spill.polls);
  };
  await spill.replay(batch, () => (batch.size >= batchPolls ? write() : Promise.resolve()));
  if (batch.size > 0) await write();
}

function setAside(spill: KeyRangeSpill, batch: PollBatch): void {
  spill.add(batch);
  batch.clear();
}
