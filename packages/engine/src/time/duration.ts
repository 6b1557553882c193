import { DAY_MS, HOUR_MS, MINUTE_MS } from './zone-clock';

const SECOND_MS = 1_000;
const WEEK_MS = 7 * DAY_MS;

/** The units a duration is written in, largest first: `1w2d`, `36h`, `90m`, `45s`. */
export const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['w', WEEK_MS],
  ['d', DAY_MS],
  ['h', HOUR_MS],
  ['m', MINUTE_MS],
  ['s', SECOND_MS],
];

/**
 * A duration in the form people and `parseDuration` use (`1d`, `2h30m`, `0s`): whole seconds, largest
 * units first; a fraction of a second, which no setting needs, is shown in milliseconds.
 */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms / SECOND_MS)) return `${ms}ms`;
  if (ms === 0) return '0s';
  let rest = Math.abs(ms);
  let text = ms < 0 ? '-' : '';
  for (const [unit, size] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
