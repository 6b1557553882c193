import { deal, type Weighted } from './deck';
import { MICROS_PER_HOUR } from './poll-window';
import { rngFor, STREAM } from './random';

/** A time without polls in the middle of a store's history: its poller was down, not the store. */
export interface Silence {
  fromMicros: number;
  toMicros: number;
}

/** About one store in ten falls silent once for a while, then polls again. */
const SILENCES: Weighted<boolean> = [
  [false, 90],
  [true, 10],
];

/** Long enough that a 2 h max gap leaves much of it unknown, short enough to be an incident. */
const MIN_HOURS = 4;
const MAX_HOURS = 20;

/** One stretch or none per store, in store order, inside each store's own polling span. */
export function makeSilences(
  spans: readonly { firstMicros: number; lastMicros: number }[],
  seed: number,
): (Silence | null)[] {
  const silent = deal(SILENCES, spans.length, rngFor(seed, STREAM.silences));
  return spans.map((span, index) => (silent[index] ? placeSilence(span, seed, index) : null));
}

/** Polls an hour either side of the stretch, so it is a gap and not the start or end of the history. */
function placeSilence(span: { firstMicros: number; lastMicros: number }, seed: number, index: number): Silence | null {
  const rng = rngFor(seed, STREAM.silence, index);
  const room = span.lastMicros - span.firstMicros - 2 * MICROS_PER_HOUR;
  const length = Math.min(Math.floor(rng.between(MIN_HOURS, MAX_HOURS) * MICROS_PER_HOUR), Math.floor(room / 2));
  if (length < MIN_HOURS * MICROS_PER_HOUR) return null;
  const fromMicros = span.firstMicros + MICROS_PER_HOUR + Math.floor(rng.next() * (room - length));
  return { fromMicros, toMicros: fromMicros + length };
}
