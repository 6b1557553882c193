import { ByteView } from './byte-view';
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
  if (limit - start < 20) return false;
  // `YYYY-MM-DD hh:mm:ss` is five 32-bit words: one load and one digit test each, instead of a
  // load and a test per byte. With the ` UTC` word below: 27 -> 22 ns a timestamp of the bench file.
  const view = textView.of(text);
  const w0 = view.getInt32(start, true); // YYYY
  const w1 = view.getInt32(start + 4, true); // -MM-
  const w2 = view.getInt32(start + 8, true); // DD h, the middle byte a space, T or t
  const w3 = view.getInt32(start + 12, true); // h:mm
  const w4 = view.getInt32(start + 16, true); // :ss and the next byte
  if (!separatorsOk(w1, w2, w3, w4) || !digitsOk(w0, w1, w2, w3, w4)) return false;
  const year = (digitAt(w0, 0) * 10 + digitAt(w0, 1)) * 100 + digitAt(w0, 2) * 10 + digitAt(w0, 3);
  const month = digitAt(w1, 1) * 10 + digitAt(w1, 2);
  const day = digitAt(w2, 0) * 10 + digitAt(w2, 1);
  const hour = digitAt(w2, 3) * 10 + digitAt(w3, 0);
  const minute = digitAt(w3, 2) * 10 + digitAt(w3, 3);
  const second = digitAt(w4, 1) * 10 + digitAt(w4, 2);
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
  // ` UTC` checked here first, inline: readZone is a call (measured: 3 ns a line more without this).
  const offsetMs = isSpaceUtc(view, zoneStart, limit)
    ? zoneEndingAt(zoneStart + 4, 0)
    : readZone(text, view, zoneStart, limit);
  if (Number.isNaN(offsetMs)) return false;

  const seconds = (firstOfMonth + day - 1) * 86_400 + hour * 3_600 + minute * 60 + second;
  into[0] = seconds * 1_000 - offsetMs + micros / 1_000;
  return true;
}

/** Whether ` UTC` (the data set's own zone) is at `at`: one word compared. */
function isSpaceUtc(view: DataView, at: number, limit: number): boolean {
  return limit - at >= 4 && view.getInt32(at, true) === SPACE_UTC;
}

/** ` UTC` as a little-endian word. */
const SPACE_UTC = 0x43545520;

/** The DataView readTimestampUntil reads words through (a chunk of the file, or asciiBytes's array). */
const textView = new ByteView();

/** The dashes, the date-time separator and the colons, where the five words of the form hold them. */
function separatorsOk(w1: number, w2: number, w3: number, w4: number): boolean {
  const t = (w2 >>> 16) & 0xff;
  return (
    (w1 & 0xff0000ff) === DASHES_AROUND_MONTH &&
    (t === SPACE || t === UPPER_T || t === LOWER_T) &&
    (w3 & 0xff00) === COLON << 8 &&
    (w4 & 0xff) === COLON
  );
}

/** `-` in the first and last byte of a word: bytes 4 and 7 of the timestamp. */
const DASHES_AROUND_MONTH = (DASH << 24) | DASH;

/** Whether every digit place holds a digit: each separator is swapped for a `0` first. */
function digitsOk(w0: number, w1: number, w2: number, w3: number, w4: number): boolean {
  return (
    fourDigits(w0) &&
    fourDigits((w1 & 0x00ffff00) | 0x30000030) &&
    fourDigits((w2 & 0xff00ffff) | 0x00300000) &&
    fourDigits((w3 & 0xffff00ff) | 0x00003000) &&
    fourDigits((w4 & 0x00ffff00) | 0x30000030)
  );
}

/**
 * Whether all four bytes are ASCII digits: a byte is 0x30 to 0x39 exactly when its high nibble is
 * 3 and is still 3 once 6 is added. A carry out of a byte happens only from a byte of 0xfa or
 * more, whose own high nibble already fails the test.
 */
function fourDigits(word: number): boolean {
  return ((word & 0xf0f0f0f0) | (((word + 0x06060606) & 0xf0f0f0f0) >>> 4)) === 0x33333333;
}

/** The value of the digit in byte `index` (0 = first in the text) of a word known to hold a digit there. */
function digitAt(word: number, index: number): number {
  return (word >>> (8 * index)) & 0xf;
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

/**
 * The zone designator at `at` (`Z`, ` UTC`, `+hh:mm`, `+hhmm` or `+hh`, the longest that fits
 * before `limit`), as an offset east of UTC in milliseconds, or NaN if there is none; sets `stop`
 * just past it.
 */
function readZone(text: Uint8Array, view: DataView, at: number, limit: number): number {
  if (at >= limit) return NO_OFFSET;
  const first = text[at];
  if (first === UPPER_Z || first === LOWER_Z) return zoneEndingAt(at + 1, 0);
  if (first === SPACE) return isSpaceUtc(view, at, limit) ? zoneEndingAt(at + 4, 0) : NO_OFFSET;
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
