// Each store's polls in time order, one per instant, as the engine's sortPolls has them: sorted
// stably by instant (file order breaks ties), then of each run of equal instants only the last
// row, the later in the file, kept. The algorithm is the engine's too: spread by instant, then an
// insertion sort, or a merge sort when that would move too much.

import { alloc } from './memory';

/** Short runs are sorted by insertion first; the merges then start from runs this long. */
const RUN: i32 = 16;
/** Polls an insertion sort of nearly sorted polls may move, per poll, before a merge sort takes over. */
const MOVES_PER_POLL: i32 = 8;

let scratchAt: usize = 0;
let scratchActive: usize = 0;
let slotStarts: usize = 0;

/** Scratch for stores of up to `largest` polls. */
export function reserveScratch(largest: i32): void {
  scratchAt = alloc(8 * <usize>largest);
  scratchActive = alloc(<usize>largest);
  slotStarts = alloc(4 * <usize>(largest + 1));
}

/** Sorts the `n` polls at `at` and `active`; how many are left once equal instants are merged. */
export function sortStore(at: usize, active: usize, n: i32): i32 {
  if (inOrder(at, n)) return n;
  spreadByInstant(at, active, n);
  // Nearly in order now: an insertion sort finishes, unless it moves too much (a merge sort then).
  if (!insertionSort(scratchAt, scratchActive, 0, n, MOVES_PER_POLL * n + RUN * RUN)) {
    sortPairs(scratchAt, scratchActive, n, at, active);
  }
  return keepLastOfEach(scratchAt, scratchActive, n, at, active);
}

function instantAt(at: usize, i: i32): f64 {
  return load<f64>(at + 8 * <usize>i);
}

/** Whether the instants already rise (time-ordered files: nothing to sort). */
function inOrder(at: usize, n: i32): bool {
  for (let i = 1; i < n; i++) if (!(instantAt(at, i) > instantAt(at, i - 1))) return false;
  return true;
}

/** A stable merge sort: runs of RUN by insertion, then merges between the pairs and the spare arrays. */
function sortPairs(at: usize, active: usize, n: i32, spareAt: usize, spareActive: usize): void {
  for (let start = 0; start < n; start += RUN) insertionSort(at, active, start, min(start + RUN, n), i32.MAX_VALUE);
  let fromAt = at;
  let fromActive = active;
  let toAt = spareAt;
  let toActive = spareActive;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      merge(fromAt, fromActive, toAt, toActive, lo, min(lo + width, n), min(lo + 2 * width, n));
    }
    const swapAt = fromAt;
    fromAt = toAt;
    toAt = swapAt;
    const swapActive = fromActive;
    fromActive = toActive;
    toActive = swapActive;
  }
  if (fromAt != at) {
    memory.copy(at, fromAt, 8 * <usize>n);
    memory.copy(active, fromActive, <usize>n);
  }
}

/**
 * Copies a store's polls to the scratch nearly in time order: each goes to the slot its instant
 * takes between the earliest and the latest, as if they were evenly spread (a counting sort on
 * that slot; polls come about evenly spread). Polls sharing a slot keep their file order. The
 * engine's spreadByInstant, which measured this way against a merge sort alone: 0.06 s to 0.16 s.
 */
function spreadByInstant(at: usize, active: usize, n: i32): void {
  let earliest = Infinity;
  let latest = -Infinity;
  for (let i = 0; i < n; i++) {
    earliest = min(earliest, instantAt(at, i));
    latest = max(latest, instantAt(at, i));
  }
  let scale = <f64>(n - 1) / (latest - earliest);
  if (!(scale > 0 && scale < Infinity)) scale = 0;
  memory.fill(slotStarts, 0, 4 * <usize>(n + 1));
  for (let i = 0; i < n; i++) {
    const slot = slotStarts + 4 * <usize>(1 + slotOf(instantAt(at, i), earliest, scale));
    store<i32>(slot, load<i32>(slot) + 1);
  }
  for (let slot = 1; slot <= n; slot++) {
    const place = slotStarts + 4 * <usize>slot;
    store<i32>(place, load<i32>(place) + load<i32>(place - 4));
  }
  for (let i = 0; i < n; i++) {
    const instant = instantAt(at, i);
    const slot = slotStarts + 4 * <usize>slotOf(instant, earliest, scale);
    const place = load<i32>(slot);
    store<i32>(slot, place + 1);
    store<f64>(scratchAt + 8 * <usize>place, instant);
    store<u8>(scratchActive + <usize>place, load<u8>(active + <usize>i));
  }
}

function slotOf(instant: f64, earliest: f64, scale: f64): i32 {
  return <i32>Math.floor((instant - earliest) * scale);
}

/**
 * Insertion sort of [start, end); strictly greater instants move, so equal ones keep their order.
 * Stops (false) once it has moved more than `moves` polls: they are still only reordered then.
 */
function insertionSort(at: usize, active: usize, start: i32, end: i32, moves: i32): bool {
  let left = moves;
  for (let i = start + 1; i < end; i++) {
    const instant = instantAt(at, i);
    const flag = load<u8>(active + <usize>i);
    let j = i - 1;
    for (; j >= start && instantAt(at, j) > instant; j--) {
      store<f64>(at + 8 * <usize>(j + 1), instantAt(at, j));
      store<u8>(active + <usize>(j + 1), load<u8>(active + <usize>j));
    }
    store<f64>(at + 8 * <usize>(j + 1), instant);
    store<u8>(active + <usize>(j + 1), flag);
    left -= i - 1 - j;
    if (left < 0) return false;
  }
  return true;
}

/** Merges the sorted runs [lo, mid) and [mid, hi) into the same places of `to`; the left wins ties. */
function merge(fromAt: usize, fromActive: usize, toAt: usize, toActive: usize, lo: i32, mid: i32, hi: i32): void {
  let left = lo;
  let right = mid;
  for (let out = lo; out < hi; out++) {
    const take = right >= hi || (left < mid && instantAt(fromAt, left) <= instantAt(fromAt, right)) ? left++ : right++;
    store<f64>(toAt + 8 * <usize>out, instantAt(fromAt, take));
    store<u8>(toActive + <usize>out, load<u8>(fromActive + <usize>take));
  }
}

/**
 * Copies sorted polls back, all but the last of each run of equal instants (file order made it the
 * later row); how many were copied.
 */
function keepLastOfEach(fromAt: usize, fromActive: usize, n: i32, at: usize, active: usize): i32 {
  let unique: i32 = 0;
  for (let i = 0; i < n; i++) {
    const instant = instantAt(fromAt, i);
    if (unique > 0 && instantAt(at, unique - 1) == instant) unique--;
    store<f64>(at + 8 * <usize>unique, instant);
    store<u8>(active + <usize>unique, load<u8>(fromActive + <usize>i));
    unique++;
  }
  return unique;
}
