import { COLON, DASH, DOT, PLUS, SPACE, digitAt, microseconds, twoDigits } from './char-codes';
import { daysFromCivil, daysInMonth } from './civil-date';

const LOWER_T = 116;
const UPPER_T = 84;
const LOWER_Z = 122;
const UPPER_Z = 90;
const NO_OFFSET = Number.NaN;

/**
 * Parses a poll timestamp to epoch milliseconds, keeping microseconds as a fraction, or returns null.
 *
 * Accepted: `YYYY-MM-DD hh:mm:ss[.f] UTC` and ISO 8601 `YYYY-MM-DD[T ]hh:mm:ss[.f](Z|+hh:mm|+hhmm|+hh)`
 * (`t` and `z` in either case), with 1 to 6 fraction digits after an optional dot. Every field is
 * range-checked, including the day against its month. Runs once per poll, so it reads char codes
 * instead of using a regex or Date.parse.
 *
 * The result is whole milliseconds plus `micros / 1000`, so `...39.388884` gives the same double as
 * `Date.UTC(..., 39) + 388884 / 1000`.
 */
export function parseTimestamp(text: string): number | null {
  return parseTimestampIn(text, 0, text.length);
}

/**
 * parseTimestamp of `text` from `start` to `end` (exclusive), read in place: the polls reader's fast
 * path parses fields inside a chunk of the file without cutting them out first.
 */
export function parseTimestampIn(text: string, start: number, end: number): number | null {
  if (end - start < 20 || !separatorsOk(text, start)) return null;
  const century = twoDigits(text, start);
  const yearOfCentury = twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  const hour = twoDigits(text, start + 11);
  const minute = twoDigits(text, start + 14);
  const second = twoDigits(text, start + 17);
  // twoDigits gives -1 for a non-digit: one test finds any of them.
  if ((century | yearOfCentury | month | day | hour | minute | second) < 0) return null;
  const year = century * 100 + yearOfCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;

  let zoneStart = start + 19;
  let micros = 0;
  if (text.charCodeAt(zoneStart) === DOT) {
    zoneStart = fractionEnd(text, start + 20, end);
    micros = microseconds(text, start + 20, zoneStart);
    if (micros < 0) return null;
  }
  const offsetMs = zoneOffsetMs(text, zoneStart, end);
  if (Number.isNaN(offsetMs)) return null;

  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
  return seconds * 1_000 - offsetMs + micros / 1_000;
}

function separatorsOk(text: string, at: number): boolean {
  const t = text.charCodeAt(at + 10);
  return (
    text.charCodeAt(at + 4) === DASH &&
    text.charCodeAt(at + 7) === DASH &&
    (t === SPACE || t === UPPER_T || t === LOWER_T) &&
    text.charCodeAt(at + 13) === COLON &&
    text.charCodeAt(at + 16) === COLON
  );
}

/** Index of the first non-digit at or after `start`, at most `end`. */
function fractionEnd(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && digitAt(text, i) >= 0) i++;
  return i;
}

/**
 * The zone designator from `at` to `end`, as an offset east of UTC in milliseconds, or NaN if it
 * is anything else. Nothing may follow it.
 */
function zoneOffsetMs(text: string, at: number, end: number): number {
  const rest = end - at;
  const first = text.charCodeAt(at);
  if (rest === 1) return first === UPPER_Z || first === LOWER_Z ? 0 : NO_OFFSET;
  if (rest === 4 && first === SPACE) return isUtc(text, at + 1) ? 0 : NO_OFFSET;
  if (first !== PLUS && first !== DASH) return NO_OFFSET;
  const sign = first === PLUS ? 1 : -1;
  const hours = twoDigits(text, at + 1);
  let minutes = 0;
  if (rest === 6 && text.charCodeAt(at + 3) === COLON) minutes = twoDigits(text, at + 4);
  else if (rest === 5) minutes = twoDigits(text, at + 3);
  else if (rest !== 3) return NO_OFFSET;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NO_OFFSET;
  return sign * (hours * 60 + minutes) * 60_000;
}

/** Whether `UTC` is written at `at`. */
function isUtc(text: string, at: number): boolean {
  return text.charCodeAt(at) === 85 && text.charCodeAt(at + 1) === 84 && text.charCodeAt(at + 2) === 67;
}
