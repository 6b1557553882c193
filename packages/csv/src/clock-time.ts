import { asciiBytes, COLON, DOT, microseconds, twoDigits } from './char-codes';

/** `24:00` as milliseconds after midnight: valid only as the end of an interval. */
export const END_OF_DAY_MS = 86_400_000;

/**
 * Parses a local clock time `hh:mm`, `hh:mm:ss` or `hh:mm:ss.f` (1-6 fraction digits) to
 * milliseconds after midnight (microseconds kept as a fraction), or returns null.
 *
 * `24:00` (also `24:00:00` and `24:00:00.000`) gives END_OF_DAY_MS; whether that is acceptable
 * depends on whether the time starts or ends an interval, which only the caller knows.
 */
export function parseClockTime(text: string): number | null {
  const bytes = asciiBytes(text, MAX_CLOCK_CHARS);
  return bytes === null ? null : parseClockTimeBytes(bytes, 0, text.length);
}

/** The longest clock time: `hh:mm:ss.ffffff`. */
const MAX_CLOCK_CHARS = 15;

/** parseClockTime of the bytes from `start` to `end`, read in place (the hours reader's fast path). */
export function parseClockTimeBytes(text: Uint8Array, start: number, end: number): number | null {
  const length = end - start;
  if (length !== 5 && length !== 8 && (length < 10 || length > 15)) return null;
  const hour = twoDigits(text, start);
  const minute = twoDigits(text, start + 3);
  if (text[start + 2] !== COLON || hour < 0 || minute < 0) return null;

  let second = 0;
  let micros = 0;
  if (length >= 8) {
    second = twoDigits(text, start + 6);
    if (text[start + 5] !== COLON || second < 0) return null;
  }
  if (length >= 10) {
    micros = microseconds(text, start + 9, end);
    if (text[start + 8] !== DOT || micros < 0) return null;
  }

  if (hour === 24) return minute === 0 && second === 0 && micros === 0 ? END_OF_DAY_MS : null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return (hour * 3_600 + minute * 60 + second) * 1_000 + micros / 1_000;
}
