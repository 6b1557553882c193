import { asciiBytes, COLON, DASH, DOT, PLUS, SPACE, twoDigits } from './char-codes';
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
 * range-checked, including the day against its month. Runs once per poll, so it reads bytes
 * instead of using a regex or Date.parse.
 *
 * The result is whole milliseconds plus `micros / 1000`, so `...39.388884` gives the same double as
 * `Date.UTC(..., 39) + 388884 / 1000`.
 */
export function parseTimestamp(text: string): number | null {
  const bytes = asciiBytes(text, MAX_TIMESTAMP_CHARS);
  return bytes === null ? null : parseTimestampBytes(bytes, 0, text.length);
}

/** The longest timestamp accepted: `YYYY-MM-DDThh:mm:ss.ffffff+hh:mm`. */
const MAX_TIMESTAMP_CHARS = 32;

/**
 * parseTimestamp of the bytes from `start` to `end` (exclusive), read in place: the polls reader's
 * fast path parses fields inside a chunk of the file, never decoded to a string. Bytes rather than
 * a string are the one form of the parser: a string is copied into bytes first (above), which
 * costs nothing beside the millions of polls read straight from the file.
 */
export function parseTimestampBytes(text: Uint8Array, start: number, end: number): number | null {
  const at = parseTimestampUntil(text, start, end);
  return at !== null && stop === end ? at : null;
}

/**
 * A timestamp that starts at `start` and ends wherever its own form ends, before `limit`: the
 * polls reader's one-pass path learns where the field ends from the parse (timestampEnd) instead
 * of scanning for it first. parseTimestampBytes is this, plus "and it ends exactly at `end`".
 */
export function parseTimestampUntil(text: Uint8Array, start: number, limit: number): number | null {
  return readTimestampUntil(text, start, limit, parsed) ? parsed[0] : null;
}

/** parseTimestampUntil's own slot for the instant it returns. */
const parsed = new Float64Array(1);

/**
 * parseTimestampUntil for the polls reader's every line: true when a timestamp was read, its
 * instant then in `into[0]`. A number that is a double or null lives as a heap object once it
 * leaves the function (one per line); kept in a typed array it is never one.
 */
export function readTimestampUntil(text: Uint8Array, start: number, limit: number, into: Float64Array): boolean {
  if (limit - start < 20 || !separatorsOk(text, start)) return false;
  const century = twoDigits(text, start);
  const yearOfCentury = twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  const hour = twoDigits(text, start + 11);
  const minute = twoDigits(text, start + 14);
  const second = twoDigits(text, start + 17);
  // twoDigits gives -1 for a non-digit: one test finds any of them.
  if ((century | yearOfCentury | month | day | hour | minute | second) < 0) return false;
  const year = century * 100 + yearOfCentury;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const firstOfMonth = monthStart(year, month);
  if (day < 1 || day > monthLength) return false;

  let zoneStart = start + 19;
  let micros = 0;
  if (text[zoneStart] === DOT) {
    micros = readFraction(text, start + 20, limit);
    if (micros < 0) return false;
    zoneStart = fractionStop;
  }
  const offsetMs = readZone(text, zoneStart, limit);
  if (Number.isNaN(offsetMs)) return false;

  const seconds = (firstOfMonth + day - 1) * 86_400 + hour * 3_600 + minute * 60 + second;
  into[0] = seconds * 1_000 - offsetMs + micros / 1_000;
  return true;
}

// Polls of one file fall in a few months: the day count of the month's first day and the month's
// length are kept for the last month seen (set together by monthStart).
let cachedMonth = -1;
let cachedMonthStart = 0;
let monthLength = 0;

/** Days from 1970-01-01 to the first of the month; also sets monthLength. */
function monthStart(year: number, month: number): number {
  const key = year * 16 + month;
  if (key !== cachedMonth) {
    cachedMonth = key;
    cachedMonthStart = daysFromCivil(year, month, 1);
    monthLength = daysInMonth(year, month);
  }
  return cachedMonthStart;
}

/** Just past the timestamp the last parseTimestampUntil read (set by readZone). */
let stop = 0;

/** Where the last parseTimestampUntil that succeeded stopped: just past its timestamp. */
export function timestampEnd(): number {
  return stop;
}

/** Where readFraction stopped: the first index that is not a digit (or `end`). */
let fractionStop = 0;

/** The digits from `start` as whole microseconds (1 to 6 of them), or -1; sets fractionStop. */
function readFraction(text: Uint8Array, start: number, end: number): number {
  let value = 0;
  let i = start;
  for (; i < end; i++) {
    const digit = text[i] - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  fractionStop = i;
  const count = i - start;
  return count < 1 || count > 6 ? -1 : value * MICRO_SCALE[count];
}

const MICRO_SCALE = [0, 100_000, 10_000, 1_000, 100, 10, 1];

function separatorsOk(text: Uint8Array, at: number): boolean {
  const t = text[at + 10];
  return (
    text[at + 4] === DASH &&
    text[at + 7] === DASH &&
    (t === SPACE || t === UPPER_T || t === LOWER_T) &&
    text[at + 13] === COLON &&
    text[at + 16] === COLON
  );
}

/**
 * The zone designator at `at` (`Z`, ` UTC`, `+hh:mm`, `+hhmm` or `+hh`, the longest that fits
 * before `limit`), as an offset east of UTC in milliseconds, or NaN if there is none; sets `stop`
 * just past it.
 */
function readZone(text: Uint8Array, at: number, limit: number): number {
  if (at >= limit) return NO_OFFSET;
  const first = text[at];
  if (first === UPPER_Z || first === LOWER_Z) return zoneEndingAt(at + 1, 0);
  if (first === SPACE) return at + 4 <= limit && isUtc(text, at + 1) ? zoneEndingAt(at + 4, 0) : NO_OFFSET;
  if ((first !== PLUS && first !== DASH) || at + 3 > limit) return NO_OFFSET;
  const hours = twoDigits(text, at + 1);
  let minutes = 0;
  let end = at + 3;
  if (at + 6 <= limit && text[at + 3] === COLON && twoDigits(text, at + 4) >= 0) {
    minutes = twoDigits(text, at + 4);
    end = at + 6;
  } else if (at + 5 <= limit && twoDigits(text, at + 3) >= 0) {
    minutes = twoDigits(text, at + 3);
    end = at + 5;
  }
  if (hours < 0 || hours > 23 || minutes > 59) return NO_OFFSET;
  return zoneEndingAt(end, (first === PLUS ? 1 : -1) * (hours * 60 + minutes) * 60_000);
}

function zoneEndingAt(end: number, offsetMs: number): number {
  stop = end;
  return offsetMs;
}

/** Whether `UTC` is written at `at`. */
function isUtc(text: Uint8Array, at: number): boolean {
  return text[at] === 85 && text[at + 1] === 84 && text[at + 2] === 67;
}
