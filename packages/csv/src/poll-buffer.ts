import type { PollArrays } from '@store-monitor/engine';
import { BlockLog } from './block-log';
import type { PollLog } from './poll-log';
import { StoreIdTable } from './store-id-table';

/**
 * Collects a read's polls by store: each store id gets a dense index (in order of first
 * appearance), each poll goes to the log, and at the end every store's polls are handed out.
 */
export class PollBuffer {
  constructor(
    private readonly stores = new StoreIdTable(),
    private readonly log: PollLog = new BlockLog(),
  ) {}

  /** Adds a poll of the store whose id is the whole string. */
  add(storeId: string, at: number, active: boolean): void {
    this.log.append(this.stores.indexOf(storeId), at, active);
  }

  /** Adds a poll of the store whose id is in `bytes` from `start` to `end`, if plain ASCII (PollTarget). */
  addBytes(bytes: Uint8Array, start: number, end: number, at: Float64Array, active: boolean): boolean {
    const store = this.stores.indexInBytes(bytes, start, end);
    if (store < 0) return false;
    this.log.append(store, at[0], active);
    return true;
  }

  /** Every store's polls (in the order the log gives them), stores in order of first appearance. */
  toSeries(): Map<string, PollArrays> {
    const ids = this.stores.ids;
    const { at, active, starts, lengths } = this.log.series(ids.length);
    return new Map<string, PollArrays>(
      ids.map((id, store) => {
        const [from, to] = [starts[store], starts[store] + lengths[store]];
        return [id, { at: at.subarray(from, to), active: active.subarray(from, to) }];
      }),
    );
  }
}
