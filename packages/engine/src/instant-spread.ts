import { type ArraySource, FRESH_ARRAYS } from './scratch-arrays';
import type { InstantPairs } from './stable-instant-sort';
import type { PollSeries } from './types';

/**
 * A store's polls at or before now, copied to typed arrays nearly in time order: each goes to the
 * slot its instant takes between the earliest and the latest, as if they were evenly spread (a
 * counting sort on that slot). Polls come about evenly spread, so few end up out of place and an
 * insertion sort finishes the work. Rows that share a slot keep their file order, so equal
 * instants stay in file order (the later row must win).
 */
export function spreadByInstant(series: PollSeries, now: number, arrays: ArraySource = FRESH_ARRAYS): InstantPairs {
  const instants = series.at;
  let n = 0;
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < instants.length; i++) {
    const instant = instants[i];
    if (!(instant <= now)) continue;
    n++;
    if (instant < earliest) earliest = instant;
    if (instant > latest) latest = instant;
  }
  let scale = (n - 1) / (latest - earliest);
  // One slot for all (file order kept) when the span is empty, infinite or too small to divide.
  if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) scale = 0;
  // starts[s + 1] counts slot s's rows, then the running sums make starts[s] where slot s begins.
  const starts = arrays.counts(n + 1);
  for (let i = 0; i < instants.length; i++) {
    if (instants[i] <= now) starts[1 + slotOf(instants[i], earliest, scale)]++;
  }
  for (let slot = 1; slot <= n; slot++) starts[slot] += starts[slot - 1];
  const pairs = { at: arrays.floats(n), active: arrays.bytes(n) };
  for (let i = 0; i < instants.length; i++) {
    const instant = instants[i];
    if (!(instant <= now)) continue;
    const place = starts[slotOf(instant, earliest, scale)]++;
    pairs.at[place] = instant;
    pairs.active[place] = series.active[i] ? 1 : 0;
  }
  return pairs;
}

/**
 * The slot of an instant: 0 to n - 1 for a finite scale over a finite span. With scale 0 an
 * infinite instant gives NaN (infinity times zero), and `|| 0` puts it in slot 0 with the rest.
 */
function slotOf(instant: number, earliest: number, scale: number): number {
  return Math.floor((instant - earliest) * scale) || 0;
}
