import { formatDuration } from './time/duration';
import { formatInstant } from './time/instant-text';

/** The first and the latest poll of a data set, in ms since the epoch. */
export interface PollBounds {
  firstMs: number;
  lastMs: number;
}

/**
 * Why `as_of` makes no sense for this data, or undefined when it does. Before the first poll every
 * store would be left out; long after the latest one every window would be extrapolated from stale
 * polls and still look like a believable report, so both are refused rather than computed. With no
 * polls at all there is nothing to compare with, and the report is empty whatever now is.
 */
export function asOfProblem(asOfMs: number, bounds: PollBounds | undefined, marginMs: number): string | undefined {
  if (bounds === undefined) return undefined;
  if (asOfMs >= bounds.firstMs && asOfMs <= bounds.lastMs + marginMs) return undefined;
  const side =
    asOfMs < bounds.firstMs ? 'before the first poll' : `more than ${formatDuration(marginMs)} after the latest poll`;
  return (
    `as_of ${formatInstant(asOfMs)} is ${side}: it must be from the first poll (${formatInstant(bounds.firstMs)}) ` +
    `to ${formatDuration(marginMs)} after the latest poll (${formatInstant(bounds.lastMs)})`
  );
}
