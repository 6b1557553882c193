// The read's polls: first in file order, in blocks, with a count per store; at the end gathered
// store by store into one array per field (each store a slice), which TypeScript then views.

import { alloc, grown, zeroed } from './memory';

/** Polls per block: its store indexes, then instants, then statuses (832 KiB). */
const BLOCK_POLLS: i32 = 1 << 16;
const INSTANTS: usize = 4 * <usize>BLOCK_POLLS;
const STATUSES: usize = 12 * <usize>BLOCK_POLLS;

/** The blocks' addresses, in order. */
let blocks: usize = 0;
let blockCapacity: i32 = 0;
let blockCount: i32 = 0;
/** The last block, and how many polls it holds. */
let block: usize = 0;
let used: i32 = BLOCK_POLLS;
/** Polls per store index, for `countCapacity` indexes; once gathered, each store's cursor. */
let counts: usize = 0;
let countCapacity: i32 = 0;

export let seriesAt: usize = 0;
export let seriesActive: usize = 0;
export let seriesStarts: usize = 0;
/** The most polls one store has (after gather). */
export let largestStore: i32 = 0;

export function startLog(): void {
  blockCapacity = 64;
  blocks = alloc(4 * <usize>blockCapacity);
  countCapacity = 1024;
  counts = zeroed(4 * <usize>countCapacity);
}

/** Adds a poll of store `index` at the end. */
export function appendPoll(index: i32, instant: f64, active: u8): void {
  if (used == BLOCK_POLLS) startBlock();
  store<i32>(block + 4 * <usize>used, index);
  store<f64>(block + INSTANTS + 8 * <usize>used, instant);
  store<u8>(block + STATUSES + <usize>used, active);
  used++;
  while (index >= countCapacity) {
    counts = grown(counts, 4 * <usize>countCapacity);
    countCapacity *= 2;
  }
  const count = counts + 4 * <usize>index;
  store<i32>(count, load<i32>(count) + 1);
}

function startBlock(): void {
  if (blockCount == blockCapacity) {
    blocks = grown(blocks, 4 * <usize>blockCapacity);
    blockCapacity *= 2;
  }
  block = alloc(13 * <usize>BLOCK_POLLS);
  store<usize>(blocks + 4 * <usize>blockCount, block);
  blockCount++;
  used = 0;
}

export function logBlocks(): i32 {
  return blockCount;
}

/**
 * Room for the polls of `stores` stores, store s's from starts[s] to starts[s + 1]; each store's
 * count becomes its cursor, its next place there. Returns the total.
 */
export function reserveSeries(stores: i32): i32 {
  seriesStarts = alloc(4 * <usize>(stores + 1));
  let total: i32 = 0;
  largestStore = 0;
  for (let s = 0; s < stores; s++) {
    store<i32>(seriesStarts + 4 * <usize>s, total);
    const count = s < countCapacity ? load<i32>(counts + 4 * <usize>s) : 0;
    largestStore = max(largestStore, count);
    total += count;
  }
  store<i32>(seriesStarts + 4 * <usize>stores, total);
  seriesAt = alloc(8 * <usize>total);
  seriesActive = alloc(<usize>total);
  // From here on each count is its store's cursor: the next place in the series (scatterBlock).
  for (let s = 0; s < min(stores, countCapacity); s++) {
    store<i32>(counts + 4 * <usize>s, load<i32>(seriesStarts + 4 * <usize>s));
  }
  return total;
}

/** Moves block `b`'s polls to their stores' next places (after reserveSeries). */
export function scatterBlock(b: i32): void {
  const from = load<usize>(blocks + 4 * <usize>b);
  const size = b == blockCount - 1 ? used : BLOCK_POLLS;
  for (let i = 0; i < size; i++) {
    const cursor = counts + 4 * <usize>load<i32>(from + 4 * <usize>i);
    const place = load<i32>(cursor);
    store<i32>(cursor, place + 1);
    store<f64>(seriesAt + 8 * <usize>place, load<f64>(from + INSTANTS + 8 * <usize>i));
    store<u8>(seriesActive + <usize>place, load<u8>(from + STATUSES + <usize>i));
  }
}
