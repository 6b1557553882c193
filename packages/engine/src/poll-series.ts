import type { PollSeries } from './types';

/** A store's polls at or before now, in time order, one per instant. */
export interface SortedPolls {
  at: Float64Array;
  active: Uint8Array;
}

/**
 * Cuts polls after `now`, sorts by time and keeps the later row of any two at the same instant
 * (file order breaks ties, so the sort must be stable).
 */
export function sortPolls(series: PollSeries, now: number): SortedPolls {
  const order: number[] = [];
  for (let i = 0; i < series.at.length; i++) if (series.at[i] <= now) order.push(i);
  if (!isSorted(series.at, order)) order.sort((a, b) => series.at[a] - series.at[b] || a - b);
  const at = new Float64Array(order.length);
  const active = new Uint8Array(order.length);
  let n = 0;
  for (const i of order) {
    // Equal instants arrive in file order, so overwriting keeps the later row.
    if (n > 0 && at[n - 1] === series.at[i]) n--;
    at[n] = series.at[i];
    active[n] = series.active[i] ? 1 : 0;
    n++;
  }
  return { at: at.subarray(0, n), active: active.subarray(0, n) };
}

function isSorted(at: number[], order: number[]): boolean {
  for (let k = 1; k < order.length; k++) if (at[order[k]] < at[order[k - 1]]) return false;
  return true;
}
