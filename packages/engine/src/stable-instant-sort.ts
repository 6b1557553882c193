/**
 * A stable sort of polls held as two parallel typed arrays, by instant: equal instants keep their
 * order. Written out because the alternatives cost more on a shuffled 2.2M-poll file (CPU time of
 * sortPolls over all its stores): Array#sort of row indexes with a comparator about 0.30 s; a
 * typed array's own sort of the instants (it cannot carry the flags or the file order along) and
 * then a binary search per row to put each flag in place about 0.26 s; this about 0.16 s.
 */

/** Short runs are sorted by insertion first; the merges then start from runs this long. */
const RUN = 16;

export interface InstantPairs {
  at: Float64Array;
  active: Uint8Array;
}

/**
 * Sorts the first `n` pairs of `pairs` by instant, stably. Returns the sorted pairs: `pairs`
 * itself or a new buffer of length n, whichever the last merge wrote into.
 */
export function sortByInstant(pairs: InstantPairs, n: number): InstantPairs {
  for (let start = 0; start < n; start += RUN) insertionSort(pairs, start, Math.min(start + RUN, n));
  if (n <= RUN) return pairs;
  let from = pairs;
  let to: InstantPairs = { at: new Float64Array(n), active: new Uint8Array(n) };
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) merge(from, to, lo, Math.min(lo + width, n), Math.min(lo + 2 * width, n));
    [from, to] = [to, from];
  }
  return from;
}

function insertionSort({ at, active }: InstantPairs, start: number, end: number): void {
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
  }
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
