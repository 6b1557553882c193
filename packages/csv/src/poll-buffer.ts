import type { PollArrays } from '@store-monitor/engine';
import { StoreIdTable } from './store-id-table';

/** Polls per block: 64 Ki polls take 832 KiB in the three typed arrays. */
const BLOCK_SIZE = 1 << 16;

/**
 * Puts each store's polls in time order, one per instant (the later row of two at the same
 * instant), in arrays it provides: the compiled scan's module does (PollLineScan).
 */
export interface SeriesSorter {
  /** Arrays for `total` polls, store s's from starts[s] to starts[s + 1] (which it keeps). */
  reserve(total: number, starts: Int32Array): { at: Float64Array; active: Uint8Array };
  /** Sorts each of the first `stores` stores' polls once they are in place; how many each has left. */
  sort(stores: number): Int32Array;
}

/** A run of polls in file order, as parallel typed arrays. */
interface Block {
  stores: Int32Array;
  instants: Float64Array;
  actives: Uint8Array;
}

/**
 * Collects polls in file order in fixed-size typed-array blocks, then hands them out per store.
 *
 * Why not push each poll onto its store's arrays as it is read: thousands of arrays growing in
 * random order are reallocated and copied over and over, and freshly touched memory is expensive
 * (on the benchmark machines a new page costs far more than the copy). Blocks are written once, in
 * order, never copied; the per-store counts kept on the way size every store's arrays exactly.
 */
export class PollBuffer {
  private readonly stores = new StoreIdTable();
  private counts = new Int32Array(1024);
  private readonly blocks: Block[] = [];
  private block: Block = newBlock();
  private used = BLOCK_SIZE;

  /** Adds a poll of the store whose id is the whole string. */
  add(storeId: string, at: number, active: boolean): void {
    this.addFor(this.stores.indexOf(storeId), at, active);
  }

  /** Adds a poll of the store whose id is in `bytes` from `start` to `end`, if plain ASCII (PollTarget). */
  addBytes(bytes: Uint8Array, start: number, end: number, at: Float64Array, active: boolean): boolean {
    const store = this.stores.indexInBytes(bytes, start, end);
    if (store < 0) return false;
    this.addFor(store, at[0], active);
    return true;
  }

  /** The index of the plain ASCII id in bytes[start, end), added if new; -1 otherwise (IndexedPolls). */
  storeIndex(bytes: Uint8Array, start: number, end: number): number {
    const store = this.stores.indexInBytes(bytes, start, end);
    while (store >= this.counts.length) this.growCounts();
    return store;
  }

  /** The first `count` polls of these arrays, by store index, in order (IndexedPolls). */
  addIndexed(stores: Int32Array, instants: Float64Array, actives: Uint8Array, count: number): void {
    for (let from = 0; from < count; ) {
      if (this.used === BLOCK_SIZE) this.startBlock();
      const size = Math.min(count - from, BLOCK_SIZE - this.used);
      this.block.stores.set(stores.subarray(from, from + size), this.used);
      this.block.instants.set(instants.subarray(from, from + size), this.used);
      this.block.actives.set(actives.subarray(from, from + size), this.used);
      this.used += size;
      from += size;
    }
    const counts = this.counts;
    for (let i = 0; i < count; i++) counts[stores[i]]++;
  }

  /**
   * Every store's polls, stores in order of first appearance: in file order, or, given a sorter,
   * in time order with one poll per instant. All stores share one array per field, each store a
   * slice of it: the scatter below then writes through one array and one cursor table instead of
   * fetching each store's own arrays for every poll.
   */
  toSeries(sorter?: SeriesSorter): Map<string, PollArrays> {
    const ids = this.stores.ids;
    const starts = new Int32Array(ids.length + 1);
    for (let store = 0; store < ids.length; store++) starts[store + 1] = starts[store] + this.counts[store];
    const total = starts[ids.length];
    const { at, active } = sorter?.reserve(total, starts) ?? {
      at: new Float64Array(total),
      active: new Uint8Array(total),
    };
    this.scatter(starts.slice(0, ids.length), at, active);
    const lengths = sorter?.sort(ids.length) ?? this.counts;
    return new Map<string, PollArrays>(
      ids.map((id, store) => {
        const [from, to] = [starts[store], starts[store] + lengths[store]];
        return [id, { at: at.subarray(from, to), active: active.subarray(from, to) }];
      }),
    );
  }

  /** Writes each poll to its store's next place; `next` starts as each store's first place. */
  private scatter(next: Int32Array, at: Float64Array, active: Uint8Array): void {
    this.blocks.forEach((block, b) => {
      const size = b === this.blocks.length - 1 ? this.used : BLOCK_SIZE;
      const { stores, instants, actives } = block;
      for (let i = 0; i < size; i++) {
        const j = next[stores[i]]++;
        at[j] = instants[i];
        active[j] = actives[i];
      }
    });
  }

  private addFor(store: number, at: number, active: boolean): void {
    if (store === this.counts.length) this.growCounts();
    if (this.used === BLOCK_SIZE) this.startBlock();
    const block = this.block;
    block.stores[this.used] = store;
    block.instants[this.used] = at;
    block.actives[this.used] = active ? 1 : 0;
    this.used++;
    this.counts[store]++;
  }

  private growCounts(): void {
    const counts = new Int32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
  }

  private startBlock(): void {
    this.block = newBlock();
    this.blocks.push(this.block);
    this.used = 0;
  }
}

function newBlock(): Block {
  return {
    stores: new Int32Array(BLOCK_SIZE),
    instants: new Float64Array(BLOCK_SIZE),
    actives: new Uint8Array(BLOCK_SIZE),
  };
}
