import type { GenerateOptions } from './options';

/** Times of the poll history are integer microseconds since the epoch: exact, like the real fractions. */
export const MICROS_PER_HOUR = 3_600_000_000;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

export interface PollWindow {
  startMicros: number;
  endMicros: number;
}

/** `days` ending at `end`. */
export function pollWindow(options: Pick<GenerateOptions, 'days' | 'end'>): PollWindow {
  const endMicros = Math.round(options.end * 1000);
  return { startMicros: endMicros - Math.round(options.days * MICROS_PER_DAY), endMicros };
}
