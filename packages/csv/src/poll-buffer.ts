import type { PollSeries } from '@store-monitor/engine';
import { ownString } from './own-string';

/** Polls per block: 64 Ki polls take 832 KiB in the three typed arrays. */
const BLOCK_SIZE = 1 << 16;

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
  private readonly storeIndex = new Map<string, number>();
  private readonly storeIds: string[] = [];
  private counts = new Int32Array(1024);
  private readonly blocks: Block[] = [];
  private block: Block = newBlock();
  private used = BLOCK_SIZE;

  add(storeId: string, at: number, active: boolean): void {
    let store = this.storeIndex.get(storeId);
    if (store === undefined) store = this.addStore(storeId);
    if (this.used === BLOCK_SIZE) this.startBlock();
    const block = this.block;
    block.stores[this.used] = store;
    block.instants[this.used] = at;
    block.actives[this.used] = active ? 1 : 0;
    this.used++;
    this.counts[store]++;
  }

  /** Every store's polls in file order, stores in order of first appearance. */
  toSeries(): Map<string, PollSeries> {
    const series: PollSeries[] = this.storeIds.map((_, store) => ({
      at: doubleArray(this.counts[store]),
      active: new Array<boolean>(this.counts[store]),
    }));
    const filled = new Int32Array(this.storeIds.length);
    this.blocks.forEach((block, b) => {
      const size = b === this.blocks.length - 1 ? this.used : BLOCK_SIZE;
      for (let i = 0; i < size; i++) {
        const store = block.stores[i];
        const s = series[store];
        const j = filled[store]++;
        s.at[j] = block.instants[i];
        s.active[j] = block.actives[i] === 1;
      }
    });
    return new Map(this.storeIds.map((id, store) => [id, series[store]]));
  }

  private addStore(storeId: string): number {
    const store = this.storeIds.length;
    // The id is cut from a chunk of the file; the map must not keep that chunk alive.
    const key = ownString(storeId);
    this.storeIds.push(key);
    this.storeIndex.set(key, store);
    if (store === this.counts.length) {
      const counts = new Int32Array(store * 2);
      counts.set(this.counts);
      this.counts = counts;
    }
    return store;
  }

  private startBlock(): void {
    this.block = newBlock();
    this.blocks.push(this.block);
    this.used = 0;
  }
}

/**
 * An array of `length` slots that V8 keeps as unboxed doubles from the start. `new Array(n)` would
 * begin as small integers and be converted, copied whole, at its first fractional instant; starting
 * from a double literal and lengthening it skips that copy (measured: a fifth less time and memory).
 */
function doubleArray(length: number): number[] {
  const array = [0.5];
  array.length = length;
  return array;
}

function newBlock(): Block {
  return {
    stores: new Int32Array(BLOCK_SIZE),
    instants: new Float64Array(BLOCK_SIZE),
    actives: new Uint8Array(BLOCK_SIZE),
  };
}
