import { DURATION_FORMS, parseDuration, parseTimestamp } from '@store-monitor/csv';
import { asOfProblem, type PollBounds, type StoreInput } from '@store-monitor/engine';
import { UsageError } from './parse-args';

/** How far past the latest poll --as-of may be when --as-of-margin is not given (the API's default too). */
export const DEFAULT_AS_OF_MARGIN = '1d';

/** The report's now and how far past the data it may lie, as given on the command line. */
export interface AsOfOptions {
  asOf: number | undefined;
  marginMs: number;
}

export function parseAsOfOptions(asOfText: string | undefined, marginText: string | undefined): AsOfOptions {
  return { asOf: parseAsOf(asOfText), marginMs: parseMargin(marginText ?? DEFAULT_AS_OF_MARGIN) };
}

/** Refuses an --as-of outside the data, in the words the API uses too. */
export function checkAsOf(asOf: number, bounds: PollBounds | undefined, marginMs: number): void {
  const problem = asOfProblem(asOf, bounds, marginMs);
  if (problem !== undefined) throw new UsageError(problem);
}

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

function parseAsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const instant = parseTimestamp(text);
  if (instant === null) {
    throw new UsageError(`--as-of must be an instant such as 2024-01-10T12:00:00Z, got "${text}"`);
  }
  return instant;
}

function parseMargin(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new UsageError(`--as-of-margin must be ${DURATION_FORMS}, got "${text}"`);
  return ms;
}
