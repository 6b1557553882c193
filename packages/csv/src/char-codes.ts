/**
 * Byte helpers for the hand-written parsers, which run millions of times per report. They read
 * bytes: the polls and hours readers parse fields where they stand in the file's bytes, and a
 * field that arrives as a string is copied into bytes first (asciiBytes).
 */

export const DASH = 45;
export const COLON = 58;
export const DOT = 46;
export const SPACE = 32;
export const PLUS = 43;

const ZERO = 48;

/**
 * `text` as bytes in a reused scratch array, or null when it cannot be what a byte parser reads:
 * longer than `maxLength`, or holding a character outside ASCII (never part of a number, date or
 * time). The array is overwritten by the next call.
 */
export function asciiBytes(text: string, maxLength: number): Uint8Array | null {
  if (text.length > maxLength) return null;
  if (scratch.length < maxLength) scratch = new Uint8Array(maxLength);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return null;
    scratch[i] = code;
  }
  return scratch;
}

let scratch = new Uint8Array(64);

/**
 * The value of the two decimal digits at `at`, or -1 if either is not a digit. Past the end of the
 * array a read gives undefined, so NaN, which fails both tests: -1 too.
 */
export function twoDigits(bytes: Uint8Array, at: number): number {
  const tens = bytes[at] - ZERO;
  const ones = bytes[at + 1] - ZERO;
  if (tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9) return tens * 10 + ones;
  return -1;
}

const MICRO_SCALE = [0, 100_000, 10_000, 1_000, 100, 10, 1];

/**
 * Reads a fraction of a second of 1 to 6 digits from `start` to `end` (exclusive) and returns it in
 * whole microseconds, or -1 if it is empty, too long or not all digits.
 */
export function microseconds(bytes: Uint8Array, start: number, end: number): number {
  const count = end - start;
  if (count < 1 || count > 6) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i] - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value * MICRO_SCALE[count];
}
