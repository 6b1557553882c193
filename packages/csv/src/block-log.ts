import type { PollLog, StoreSlices } from './poll-log';

/** Polls per block: 64 Ki polls take 832 KiB in the three typed arrays. */
const BLOCK_SIZE = 1 << 16;

/** A run of polls in file order, as parallel typed arrays. */
interface Block {
  stores: Int32Array;
  instants: Float64Array;
  actives: Uint8Array;
}

/**
 * Polls in file order in fixed-size typed-array blocks, handed out per store in file order: the
 * polls buffer's log in TypeScript (the compiled scan keeps its own, PollLineScan).
 *
 * Why not push each poll onto its store's arrays as it is read: thousands of arrays growing in
 * random order are reallocated and copied over and over, and freshly touched memory is expensive
 * (on the benchmark machines a new page costs far more than the copy). Blocks are written once, in
 * order, never copied; the per-store counts kept on the way size every store's slice exactly.
 */
export class BlockLog implements PollLog {
  private counts = new Int32Array(1024);
  private readonly blocks: Block[] = [];
  private block: Block = newBlock();
  private used = BLOCK_SIZE;

  append(store: number, at: number, active: boolean): void {
    while (store >= this.counts.length) this.growCounts();
    if (this.used === BLOCK_SIZE) this.startBlock();
    const block = this.block;
    block.stores[this.used] = store;
    block.instants[this.used] = at;
    block.actives[this.used] = active ? 1 : 0;
    this.used++;
    this.counts[store]++;
  }

  /**
   * All stores share one array per field, each store a slice of it: the scatter writes through one
   * array and one cursor table instead of fetching each store's own arrays for every poll.
   */
  series(stores: number): StoreSlices {
    const starts = new Int32Array(stores + 1);
    const lengths = this.counts.slice(0, stores);
    for (let store = 0; store < stores; store++) starts[store + 1] = starts[store] + lengths[store];
    const at = new Float64Array(starts[stores]);
    const active = new Uint8Array(starts[stores]);
    const next = starts.slice(0, stores);
    this.blocks.forEach((block, b) => {
      const size = b === this.blocks.length - 1 ? this.used : BLOCK_SIZE;
      const { stores, instants, actives } = block;
      for (let i = 0; i < size; i++) {
        const j = next[stores[i]]++;
        at[j] = instants[i];
        active[j] = actives[i];
      }
    });
    return { at, active, starts, lengths };
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
