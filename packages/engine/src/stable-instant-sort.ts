/**
 * A stable sort of polls held as two parallel typed arrays, by instant: equal instants keep their
 * order. Written out because the alternatives cost more. CPU time of sortPolls over all stores of
 * the shuffled 2.2M-poll benchmark file: Array#sort of row indexes with a comparator 0.30 s; a
 * typed array's own sort of the instants (it cannot carry the flags or the file order along) and a
 * binary search per row to put each flag in place 0.26 s; this merge sort alone 0.16 s; spread by
 * instant first (instant-spread.ts), then one insertion sort, 0.06 s.
 */

import { type ArraySource, FRESH_ARRAYS } from './scratch-arrays';

/** Short runs are sorted by insertion first; the merges then start from runs this long. */
const RUN = 16;
/** Rows an insertion sort of nearly sorted pairs may move, per pair, before the merge sort takes over. */
const MOVES_PER_PAIR = 8;

export interface InstantPairs {
  at: Float64Array;
  active: Uint8Array;
}

/**
 * Sorts pairs by instant, stably. Nearly sorted pairs (spreadByInstant's) are finished by one
 * insertion sort while it moves few rows; otherwise, or once it has moved too many, a merge sort
 * (its worst case stays n log n). Returns the sorted pairs: `pairs` itself or new arrays.
 */
export function sortByInstant(pairs: InstantPairs, arrays: ArraySource = FRESH_ARRAYS): InstantPairs {
  const n = pairs.at.length;
  if (insertionSort(pairs, 0, n, MOVES_PER_PAIR * n + RUN * RUN)) return pairs;
  for (let start = 0; start < n; start += RUN) {
    insertionSort(pairs, start, Math.min(start + RUN, n), Number.POSITIVE_INFINITY);
  }
  if (n <= RUN) return pairs;
  let from = pairs;
  let to: InstantPairs = { at: arrays.floats(n), active: arrays.bytes(n) };
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) merge(from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
    [from, to] = [to, from];
  }
  return from;
}

/**
 * Sorts [start, end) by insertion, stopping (false) once it has moved more than `moves` rows. Even
 * then the pairs are only reordered, and equal instants still in their order: a merge sort of them
 * gives the same answer as of the input.
 */
function insertionSort({ at, active }: InstantPairs, start: number, end: number, moves: number): boolean {
  let left = moves;
  for (let i = start + 1; i < end; i++) {
    const instant = at[i];
    const flag = active[i];
    let j = i - 1;
    // Strictly greater: an equal instant stays before the row that came after it.
    for (; j >= start && at[j] > instant; j--) {
      at[j + 1] = at[j];
      active[j + 1] = active[j];
    }
    at[j + 1] = instant;
    active[j + 1] = flag;
    left -= i - 1 - j;
    if (left < 0) return false;
  }
  return true;
}

/** Merges the sorted runs [lo, mid) and [mid, hi) of `from` into the same places of `to`. */
function merge(from: InstantPairs, to: InstantPairs, lo: number, mid: number, hi: number): void {
  const { at, active } = from;
  const { at: toAt, active: toActive } = to;
  let left = lo;
  let right = mid;
  let out = lo;
  // Runs already in order (nearly sorted files) are copied without comparing each pair.
  if (mid < hi && at[mid - 1] > at[mid]) {
    while (left < mid && right < hi) {
      // The left run wins ties: it holds the earlier rows.
      const take = at[right] < at[left] ? right++ : left++;
      toAt[out] = at[take];
      toActive[out++] = active[take];
    }
  }
  toAt.set(at.subarray(left, mid), out);
  toActive.set(active.subarray(left, mid), out);
  out += mid - left;
  toAt.set(at.subarray(right, hi), out);
  toActive.set(active.subarray(right, hi), out);
}
