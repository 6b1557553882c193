// The messy-file case of `npm run bench -- file`: the report on the messy polls file (messy-polls.ts)
// beside the same report on the clean file it was made from, in turns.
import { median, type Measurement, measurePairs, verdict } from './measure';

/** The messy file's report may take this many times the clean one's: its chunks take the text path. */
export const MESSY_TARGET = 4;

export function runMessyCase(runs: number, clean: () => Measurement, messy: () => Measurement): string[][] {
  const pairs = measurePairs(runs, clean, messy);
  const ratio = median(pairs.map(([a, b]) => b.seconds / a.seconds));
  const seconds = (which: 0 | 1) => median(pairs.map((pair) => pair[which].seconds)).toFixed(2);
  return [
    ['report, clean file', `${seconds(0)} s median`],
    ['report, messy file', `${seconds(1)} s median`],
    ['messy / clean, per pair', pairs.map(([a, b]) => (b.seconds / a.seconds).toFixed(2)).join(' ')],
    ['messy / clean, median', `${ratio.toFixed(2)}x (target <= ${MESSY_TARGET}x) ${verdict(ratio <= MESSY_TARGET)}`],
  ];
}
