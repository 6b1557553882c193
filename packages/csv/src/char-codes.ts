/** Character-code helpers for the hand-written parsers, which run millions of times per report. */

export const DASH = 45;
export const COLON = 58;
export const DOT = 46;
export const SPACE = 32;
export const PLUS = 43;

const ZERO = 48;

/** The value of the two decimal digits at `at`, or -1 if either is not a digit (or is past the end). */
export function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - ZERO;
  const ones = text.charCodeAt(at + 1) - ZERO;
  // charCodeAt past the end gives NaN, which fails both comparisons and lands in the -1 branch.
  if (tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9) return tens * 10 + ones;
  return -1;
}

/** The digit at `at` (0-9), or -1. */
export function digitAt(text: string, at: number): number {
  const d = text.charCodeAt(at) - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

const MICRO_SCALE = [0, 100_000, 10_000, 1_000, 100, 10, 1];

/**
 * Reads a fraction of a second of 1 to 6 digits from `start` to `end` (exclusive) and returns it in
 * whole microseconds, or -1 if it is empty, too long or not all digits.
 */
export function microseconds(text: string, start: number, end: number): number {
  const count = end - start;
  if (count < 1 || count > 6) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = digitAt(text, i);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value * MICRO_SCALE[count];
}
