import type { PollArrays, PollSeries } from './types';

/** A store's polls at or before now, in time order, one per instant. */
export type SortedPolls = PollArrays;

/**
 * Cuts polls after `now`, sorts by time and keeps the later row of any two at the same instant
 * (file order breaks ties, so the sort must be stable). Polls that are already typed, in strict
 * time order and not after now are used as they are: the usual case, and a copy per store adds up.
 */
export function sortPolls(series: PollSeries, now: number): SortedPolls {
  if (isReadyAsIs(series, now)) return series as SortedPolls;
  const order: number[] = [];
  for (let i = 0; i < series.at.length; i++) if (series.at[i] <= now) order.push(i);
  order.sort((a, b) => series.at[a] - series.at[b] || a - b);
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

function isReadyAsIs(series: PollSeries, now: number): boolean {
  const { at, active } = series;
  if (!(at instanceof Float64Array && active instanceof Uint8Array)) return false;
  for (let i = 1; i < at.length; i++) if (!(at[i] > at[i - 1])) return false;
  return at.length === 0 || at[at.length - 1] <= now;
}
