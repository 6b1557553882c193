import type { PollBounds, StoreInput } from '@store-monitor/engine';

/**
 * The first and latest poll over all stores, in one pass. Run only when --as-of is given: the
 * engine then skips its own pass for the latest poll, so a report still reads every poll once.
 */
export function pollBoundsOf(stores: Iterable<StoreInput>): PollBounds | undefined {
  let first = Infinity; // plain numbers keep this loop over millions of polls cheap
  let last = -Infinity;
  for (const store of stores) {
    const { at } = store.polls;
    for (let i = 0; i < at.length; i++) {
      const t = at[i];
      if (t < first) first = t;
      if (t > last) last = t;
    }
  }
  return last === -Infinity ? undefined : { firstMs: first, lastMs: last };
}
