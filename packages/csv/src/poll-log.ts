/** Where a PollBuffer keeps polls, in file order, until it hands them out per store. */
export interface PollLog {
  /** A poll of store `store` (a StoreIdTable index), after every poll before it in the file. */
  append(store: number, at: number, active: boolean): void;
  /** The polls of stores 0 to `stores` - 1, each in file order or each in time order (as the log does). */
  series(stores: number): StoreSlices;
}

/** Every store's polls as slices of shared arrays: store s's from starts[s], lengths[s] of them. */
export interface StoreSlices {
  at: Float64Array;
  active: Uint8Array;
  starts: Int32Array;
  lengths: Int32Array;
}
