import { deal, type Weighted } from './deck';
import type { GenerateOptions } from './options';
import { MICROS_PER_DAY, MICROS_PER_HOUR, pollWindow, type PollWindow } from './poll-window';
import { rngFor, STREAM, type Rng } from './random';
import { makeSilences, type Silence } from './silent-stretches';

/** How often a store is down: most very rarely, some often, a few nearly always. */
export type Reliability = 'reliable' | 'flaky' | 'down';

/** Whether a store polls through the whole window, goes silent before its end, or starts late. */
export type Lifecycle = 'steady' | 'silent' | 'late';

/** How one store polls. Times are epoch microseconds; rates are per hourly poll. */
export interface StoreSpec {
  id: string;
  /** Position in the data set; keys the store's own random stream. */
  index: number;
  reliability: Reliability;
  lifecycle: Lifecycle;
  /** Where in each hour the store's poll falls. */
  phaseMicros: number;
  /** Polls land up to this far either side of their slot. */
  jitterMicros: number;
  missRate: number;
  /** Chance of a second poll a few seconds to minutes after one. */
  doubleRate: number;
  /** Markov chain: chance that an active store is inactive an hour later, and the way back. */
  downRate: number;
  upRate: number;
  firstMicros: number;
  lastMicros: number;
  /** A stretch without polls between first and last, or null. */
  silence: Silence | null;
}

const RELIABILITY: Weighted<Reliability> = [
  ['reliable', 78],
  ['flaky', 16],
  ['down', 6],
];

const LIFECYCLE: Weighted<Lifecycle> = [
  ['steady', 92],
  ['silent', 4],
  ['late', 4],
];

/**
 * Outage onset and recovery per class. Recovery below 2/3 keeps outages runs of more than one poll
 * on average; the stationary down share is downRate / (downRate + upRate): about 3%, 25% and 85%.
 */
const RATES: Record<Reliability, { down: [number, number]; up: [number, number] }> = {
  reliable: { down: [0.002, 0.02], up: [0.25, 0.6] },
  flaky: { down: [0.04, 0.12], up: [0.15, 0.4] },
  down: { down: [0.2, 0.4], up: [0.02, 0.08] },
};

/** A polling behaviour for each store id, in the same order. */
export function makeStoreSpecs(storeIds: readonly string[], options: GenerateOptions): StoreSpec[] {
  const reliability = deal(RELIABILITY, storeIds.length, rngFor(options.seed, STREAM.reliability));
  const lifecycle = deal(LIFECYCLE, storeIds.length, rngFor(options.seed, STREAM.lifecycle));
  const window = pollWindow(options);
  const specs = storeIds.map((id, index) => {
    const rng = rngFor(options.seed, STREAM.profile, index);
    const rates = RATES[reliability[index]];
    return {
      id,
      index,
      reliability: reliability[index],
      lifecycle: lifecycle[index],
      phaseMicros: Math.floor(rng.next() * MICROS_PER_HOUR),
      jitterMicros: Math.floor(rng.between(0.5, 5) * 60_000_000),
      missRate: rng.between(0.002, 0.04),
      doubleRate: rng.between(0, 0.03),
      downRate: rng.between(...rates.down),
      upRate: rng.between(...rates.up),
      ...activeSpan(lifecycle[index], window, rng),
    };
  });
  // From streams of their own: the rest of each profile is what it was before stretches existed.
  const silences = makeSilences(specs, options.seed);
  return specs.map((spec, index) => ({ ...spec, silence: silences[index] }));
}

function activeSpan(lifecycle: Lifecycle, window: PollWindow, rng: Rng): { firstMicros: number; lastMicros: number } {
  const { startMicros, endMicros } = window;
  const length = endMicros - startMicros;
  if (lifecycle === 'silent') {
    // A day or more of silence before the end, but never the whole window.
    const silence =
      MICROS_PER_DAY + rng.next() * Math.min(2 * MICROS_PER_DAY, Math.max(0, length - 2 * MICROS_PER_DAY));
    return {
      firstMicros: startMicros,
      lastMicros: Math.floor(Math.max(startMicros + length / 4, endMicros - silence)),
    };
  }
  if (lifecycle === 'late') {
    return { firstMicros: Math.floor(startMicros + rng.between(0.15, 0.5) * length), lastMicros: endMicros };
  }
  return { firstMicros: startMicros, lastMicros: endMicros };
}
