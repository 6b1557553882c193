import { computeStore } from './compute-store';
import { ArrayArena } from './scratch-arrays';
import { toReportRow } from './report-row';
import { compareStoreIds } from './store-id-order';
import type { ParsedInputs, ReportOptions, ReportRow, StoreInput } from './types';

export interface Report {
  /** The instant the windows end at; undefined when there are no polls and no as_of. */
  now: number | undefined;
  rows: ReportRow[];
}

/** The latest poll instant over all stores. */
export function latestPoll(stores: Iterable<StoreInput>): number | undefined {
  let latest = -Infinity; // a number throughout keeps this loop over every poll cheap
  for (const store of stores) {
    const { at } = store.polls;
    for (let i = 0; i < at.length; i++) if (at[i] > latest) latest = at[i];
  }
  return latest === -Infinity ? undefined : latest;
}

/** One row per store with a poll at or before now, sorted by store id. */
export function buildReport(stores: StoreInput[], options: ReportOptions): Report {
  const now = options.asOf ?? latestPoll(stores);
  if (now === undefined) return { now, rows: [] };
  const rows: ReportRow[] = [];
  // Each store's working arrays are dropped once its totals are out, so one arena serves them all.
  const arrays = new ArrayArena();
  for (const store of sortStores(stores)) {
    arrays.reset();
    const durations = computeStore(store, now, options.policy, options.maxGapMs, arrays);
    if (durations) rows.push(toReportRow(durations));
  }
  return { now, rows };
}

export function sortStores(stores: StoreInput[]): StoreInput[] {
  return [...stores].sort((a, b) => compareStoreIds(a.storeId, b.storeId));
}

/** Joins the readers' maps into one input per polled store (stores never polled get no row). */
export function assembleStores(inputs: ParsedInputs): StoreInput[] {
  const stores: StoreInput[] = [];
  for (const [storeId, polls] of inputs.polls) {
    stores.push({
      storeId,
      timeZone: inputs.timeZones.get(storeId),
      hours: inputs.hours.get(storeId) ?? [],
      specialHours: inputs.specialHours?.get(storeId),
      polls,
    });
  }
  return stores;
}
