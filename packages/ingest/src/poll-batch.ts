import { StoreIdTable, type PollTarget } from '@store-monitor/csv';

/** One store's polls in a sorted batch: rows[start..end) of SortedBatch.rows, in time order. */
export interface StoreSegment {
  store: number;
  start: number;
  end: number;
}

/** A batch's polls grouped by store and sorted by time, with later duplicates kept. */
export interface SortedBatch {
  /** Row numbers into the batch, store by store. */
  rows: Int32Array;
  /** The stores present, ordered by id so inserts walk the polls key in order. */
  segments: StoreSegment[];
  /** Rows dropped because a later row of the file named the same store and instant. */
  duplicates: number;
}

/**
 * Polls gathered from a file, a batch at a time, in typed arrays: a few bytes a poll instead of an
 * object each. Store ids get dense numbers that stay the same from one batch to the next.
 */
export class PollBatch implements PollTarget {
  readonly stores = new StoreIdTable();
  size = 0;
  store = new Int32Array(1024);
  /** Whole microseconds since the epoch (exact in a double for any real date). */
  atUs = new Float64Array(1024);
  active = new Uint8Array(1024);

  add(storeId: string, at: number, active: boolean): void {
    this.push(this.stores.indexOf(storeId), at, active);
  }

  addBytes(bytes: Uint8Array, start: number, end: number, at: Float64Array, active: boolean): boolean {
    const store = this.stores.indexInBytes(bytes, start, end);
    if (store < 0) return false;
    this.push(store, at[0], active);
    return true;
  }

  clear(): void {
    this.size = 0;
  }

  sorted(): SortedBatch {
    const grouped = this.groupByStore();
    const rows = new Int32Array(this.size);
    const segments: StoreSegment[] = [];
    let kept = 0;
    for (const store of this.storesInIdOrder(grouped.starts)) {
      const start = kept;
      kept = this.keepLatest(
        this.inTimeOrder(grouped.order.subarray(grouped.starts[store], grouped.starts[store + 1])),
        rows,
        kept,
      );
      segments.push({ store, start, end: kept });
    }
    return { rows: rows.subarray(0, kept), segments, duplicates: this.size - kept };
  }

  /** A poll of store number `store` at `atUs` whole microseconds (as KeyRangeSpill kept it). */
  pushMicros(store: number, atUs: number, active: number): void {
    if (this.size === this.store.length) this.grow();
    this.store[this.size] = store;
    this.atUs[this.size] = atUs;
    this.active[this.size] = active;
    this.size++;
  }

  private push(store: number, at: number, active: boolean): void {
    this.pushMicros(store, Math.round(at * 1000), active ? 1 : 0);
  }

  private grow(): void {
    const length = this.store.length * 2;
    const store = new Int32Array(length);
    const atUs = new Float64Array(length);
    const active = new Uint8Array(length);
    store.set(this.store);
    atUs.set(this.atUs);
    active.set(this.active);
    Object.assign(this, { store, atUs, active });
  }

  /** A counting sort on store number: stable, so each store's rows stay in file order. */
  private groupByStore(): { order: Int32Array; starts: Int32Array } {
    const starts = new Int32Array(this.stores.ids.length + 1);
    for (let row = 0; row < this.size; row++) starts[this.store[row] + 1]++;
    for (let s = 1; s < starts.length; s++) starts[s] += starts[s - 1];
    const next = starts.slice();
    const order = new Int32Array(this.size);
    for (let row = 0; row < this.size; row++) order[next[this.store[row]]++] = row;
    return { order, starts };
  }

  private storesInIdOrder(starts: Int32Array): number[] {
    const present: number[] = [];
    for (let s = 0; s + 1 < starts.length; s++) if (starts[s + 1] > starts[s]) present.push(s);
    const ids = this.stores.ids;
    return present.sort((a, b) => compareIds(ids[a], ids[b]));
  }

  /** Most files list a store's polls in time order already; only the others pay for a sort. */
  private inTimeOrder(rows: Int32Array): Int32Array {
    const at = this.atUs;
    for (let i = 1; i < rows.length; i++) {
      if (at[rows[i]] < at[rows[i - 1]]) return rows.slice().sort((a, b) => at[a] - at[b] || a - b);
    }
    return rows;
  }

  /** Copies rows into `out` from `kept`, keeping the last (latest in the file) of equal instants. */
  private keepLatest(rows: Int32Array, out: Int32Array, kept: number): number {
    const at = this.atUs;
    for (let i = 0; i < rows.length; i++) {
      if (i + 1 < rows.length && at[rows[i + 1]] === at[rows[i]]) continue;
      out[kept++] = rows[i];
    }
    return kept;
  }
}

/** The order stores are written in: the polls key's, for ids in C collation (code-unit order). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
