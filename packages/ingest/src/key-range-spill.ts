import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareIds, type PollBatch } from './poll-batch';

/** One poll on disk: the store's number (int32), whole microseconds (float64), active (one byte). */
const RECORD_BYTES = 13;
/** Polls buffered per range before they are written, and read back per read (53 KB). */
const RECORDS_PER_IO = 1 << 12;

/**
 * The polls of a file too large for one batch, set aside on disk in ranges of store ids, so that
 * they can be written to the database one range after another.
 *
 * Why: the polls key is (store_id, at), and a file in time order cut into batches by position gives
 * every batch a few hours of every store, so every batch inserts all over the index. Measured on
 * 22.6M polls of 140,000 stores: 52.7-55.3 s in time-cut batches, 35.3 s when the same rows come
 * store by store; 2.26M polls (one batch) took 3.3-4.3 s. Ranges taken in id order fill the index
 * from left to right, as one batch into an empty index does. Each range file keeps its polls in
 * file order, so a store's rows still reach the database in the order the file gives them.
 */
export class KeyRangeSpill {
  private readonly dir: string;
  private readonly ranges: RangeFile[];
  /** Range of each store number, -1 until first looked up (ids keep arriving after the cut). */
  private rangeOfStore = new Int32Array(0);

  /**
   * `bounds` are the first ids of the second and later ranges, in ascending order: range r holds
   * the ids from bounds[r - 1] (inclusive) to bounds[r] (exclusive). The files go in a new folder
   * inside `parentDir`.
   */
  constructor(
    private readonly ids: readonly string[],
    private readonly bounds: readonly string[],
    parentDir: string = tmpdir(),
  ) {
    this.dir = mkdtempSync(join(parentDir, 'store-monitor-ingest-'));
    this.ranges = Array.from({ length: bounds.length + 1 }, (_, r) => new RangeFile(join(this.dir, `range-${r}`)));
  }

  /** Polls set aside so far. */
  polls = 0;

  /** Sets aside every poll of `batch`, in its order; the caller then clears it. */
  add(batch: PollBatch): void {
    this.polls += batch.size;
    for (let row = 0; row < batch.size; row++) {
      const store = batch.store[row];
      this.ranges[this.rangeOf(store)].write(store, batch.atUs[row], batch.active[row]);
    }
  }

  /**
   * Every poll set aside back into `batch`, range after range in id order and each range in file
   * order, calling `load` after each piece (it writes the batch out once it is full).
   */
  async replay(batch: PollBatch, load: () => Promise<void>): Promise<void> {
    for (const range of this.ranges) {
      range.finishWriting();
      for (const piece of range.pieces()) {
        for (let i = 0; i < piece.count; i++) {
          const at = i * RECORD_BYTES;
          batch.pushMicros(piece.view.getInt32(at, true), piece.view.getFloat64(at + 4, true), piece.bytes[at + 12]);
        }
        await load();
      }
    }
  }

  /** Removes the files; safe to call more than once, and after a failure. */
  close(): void {
    for (const range of this.ranges) range.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private rangeOf(store: number): number {
    if (store >= this.rangeOfStore.length) this.growRangeOfStore(store);
    let range = this.rangeOfStore[store];
    if (range < 0) {
      range = upperBound(this.bounds, this.ids[store]);
      this.rangeOfStore[store] = range;
    }
    return range;
  }

  private growRangeOfStore(store: number): void {
    const grown = new Int32Array(Math.max(2 * this.rangeOfStore.length, store + 1024)).fill(-1);
    grown.set(this.rangeOfStore);
    this.rangeOfStore = grown;
  }
}

/**
 * The most ranges a spill makes: each is an open file and a buffer of 53 KB. A file that would need
 * more (a year of a million stores) gets larger ranges, each cut by time within its own ids.
 */
export const MAX_RANGES = 256;

/**
 * Where to cut ids into ranges of about `perRange` of the expected polls each (at most
 * MAX_RANGES), taking the ids seen so far as a sample of all (files list every store within
 * hours; later ids fall into these ranges too): the ids at equal steps of their sorted list.
 * Fewer than two ranges: no cut at all (empty).
 */
export function rangeBounds(ids: readonly string[], expectedPolls: number, perRange: number): string[] {
  const ranges = Math.min(ids.length, MAX_RANGES, Math.ceil(expectedPolls / perRange));
  if (ranges < 2) return [];
  const sorted = [...ids].sort(compareIds);
  return Array.from({ length: ranges - 1 }, (_, r) => sorted[Math.floor(((r + 1) * sorted.length) / ranges)]);
}

/** How many of the sorted `bounds` are at or below `id`: the number of its range. */
function upperBound(bounds: readonly string[], id: string): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareIds(bounds[mid], id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A piece of a range read back: `count` records in `bytes` (and the same memory as a view). */
interface Piece {
  bytes: Buffer;
  view: DataView;
  count: number;
}

/** One range's file: records buffered and appended, then read back in pieces. */
class RangeFile {
  private fd: number | undefined;
  private readonly buffer = Buffer.allocUnsafe(RECORDS_PER_IO * RECORD_BYTES);
  private readonly view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  private used = 0;
  private written = 0;

  constructor(private readonly path: string) {}

  write(store: number, atUs: number, active: number): void {
    if (this.used === this.buffer.length) this.flush();
    this.view.setInt32(this.used, store, true);
    this.view.setFloat64(this.used + 4, atUs, true);
    this.buffer[this.used + 12] = active;
    this.used += RECORD_BYTES;
  }

  finishWriting(): void {
    this.flush();
  }

  /** The records in file order; the same buffer is reused for every piece. */
  *pieces(): Generator<Piece> {
    if (this.fd === undefined) return;
    for (let position = 0; position < this.written; ) {
      const size = readSync(this.fd, this.buffer, 0, Math.min(this.buffer.length, this.written - position), position);
      const count = Math.floor(size / RECORD_BYTES);
      if (count === 0) throw new Error(`ingest spill file ${this.path} ended early, at byte ${position}`);
      position += count * RECORD_BYTES;
      yield { bytes: this.buffer, view: this.view, count };
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.fd ??= openSync(this.path, 'w+');
    writeSync(this.fd, this.buffer, 0, this.used, this.written);
    this.written += this.used;
    this.used = 0;
  }
}
