import { spreadByInstant } from './instant-spread';
import { type ArraySource, FRESH_ARRAYS } from './scratch-arrays';
import { sortByInstant } from './stable-instant-sort';
import type { PollArrays, PollSeries } from './types';

/** A store's polls at or before now, in time order, one per instant. */
export type SortedPolls = PollArrays;

/**
 * Cuts polls after `now`, sorts by time and keeps the later row of any two at the same instant
 * (file order breaks ties, so the sort must be stable). Polls that are already typed, in strict
 * time order and not after now are used as they are: the usual case, and a copy per store adds up.
 * Others are spread by instant (nearly in order, in one pass) and then sorted stably.
 */
export function sortPolls(series: PollSeries, now: number, arrays: ArraySource = FRESH_ARRAYS): SortedPolls {
  if (isReadyAsIs(series, now)) return series as SortedPolls;
  const { at, active } = sortByInstant(spreadByInstant(series, now, arrays), arrays);
  const n = at.length;
  // Equal instants are neighbours in file order now: each overwrites the one before it.
  let unique = 0;
  for (let i = 0; i < n; i++) {
    if (unique > 0 && at[unique - 1] === at[i]) unique--;
    at[unique] = at[i];
    active[unique++] = active[i];
  }
  return { at: at.subarray(0, unique), active: active.subarray(0, unique) };
}

function isReadyAsIs(series: PollSeries, now: number): boolean {
  const { at, active } = series;
  if (!(at instanceof Float64Array && active instanceof Uint8Array)) return false;
  for (let i = 1; i < at.length; i++) if (!(at[i] > at[i - 1])) return false;
  return at.length === 0 || at[at.length - 1] <= now;
}
