// A poll's timestamp, as TypeScript's readTimestampUntil (packages/csv/src/timestamp.ts) reads it,
// but only with a space between date and time and ` UTC` as its zone: the export's own form. Any
// other form is TypeScript's.

const DOT: u32 = 46;
/** ` UTC` as a little-endian word. */
const SPACE_UTC: u32 = 0x43545520;

/** Just past the ` UTC` of the last timestamp read. */
export let timestampStop: usize = 0;

// The month of the last timestamp: its first day (days since 1970-01-01) and length.
let cachedMonth: i32 = -1;
let cachedMonthStart: i32 = 0;
let cachedMonthLength: i32 = 0;

/** The instant (ms, microseconds as a fraction) of `YYYY-MM-DD hh:mm:ss[.f] UTC` at `at`, or NaN. */
export function readTimestamp(at: usize, end: usize): f64 {
  if (at + 20 > end) return NaN;
  const w0 = load<u32>(at); // YYYY
  const w1 = load<u32>(at, 4); // -MM-
  const w2 = load<u32>(at, 8); // DD h
  const w3 = load<u32>(at, 12); // h:mm
  const w4 = load<u32>(at, 16); // :ss and the next byte
  if ((w1 & 0xff0000ff) != 0x2d00002d || (w2 & 0xff0000) != 0x200000) return NaN;
  if ((w3 & 0xff00) != 0x3a00 || (w4 & 0xff) != 0x3a) return NaN;
  if (!fourDigits(w0) || !fourDigits((w1 & 0x00ffff00) | 0x30000030)) return NaN;
  if (!fourDigits((w2 & 0xff00ffff) | 0x00300000) || !fourDigits((w3 & 0xffff00ff) | 0x00003000)) return NaN;
  if (!fourDigits((w4 & 0x00ffff00) | 0x30000030)) return NaN;
  const year = <i32>((digit(w0, 0) * 10 + digit(w0, 1)) * 100 + digit(w0, 2) * 10 + digit(w0, 3));
  const month = <i32>(digit(w1, 1) * 10 + digit(w1, 2));
  const day = <i32>(digit(w2, 0) * 10 + digit(w2, 1));
  const hour = <i32>(digit(w2, 3) * 10 + digit(w3, 0));
  const minute = <i32>(digit(w3, 2) * 10 + digit(w3, 3));
  const second = <i32>(digit(w4, 1) * 10 + digit(w4, 2));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return NaN;
  const firstOfMonth = monthStart(year, month);
  if (day < 1 || day > cachedMonthLength) return NaN;

  let zone = at + 19;
  let micros: i32 = 0;
  if (load<u8>(zone) == DOT) {
    let digits = zone + 1;
    for (; digits < end; digits++) {
      const value = <u32>load<u8>(digits) - 48;
      if (value > 9) break;
      micros = micros * 10 + <i32>value;
    }
    const count = <i32>(digits - zone - 1);
    if (count < 1 || count > 6) return NaN;
    micros *= microScale(count);
    zone = digits;
  }
  if (zone + 4 > end || load<u32>(zone) != SPACE_UTC) return NaN;
  timestampStop = zone + 4;
  const seconds = <f64>(firstOfMonth + day - 1) * 86400 + <f64>(hour * 3600 + minute * 60 + second);
  return seconds * 1000 + <f64>micros / 1000;
}

/** Whether all four bytes are ASCII digits (see fourDigits in timestamp.ts for why this works). */
function fourDigits(word: u32): bool {
  return ((word & 0xf0f0f0f0) | (((word + 0x06060606) & 0xf0f0f0f0) >> 4)) == 0x33333333;
}

function digit(word: u32, index: u32): u32 {
  return (word >> (8 * index)) & 0xf;
}

function microScale(count: i32): i32 {
  let scale = 1;
  for (let i = count; i < 6; i++) scale *= 10;
  return scale;
}

/** Days from 1970-01-01 to the first of the month (the engine's daysFromCivil); sets cachedMonthLength. */
function monthStart(year: i32, month: i32): i32 {
  const key = year * 16 + month;
  if (key != cachedMonth) {
    cachedMonth = key;
    const y = month <= 2 ? year - 1 : year;
    const era = (y >= 0 ? y : y - 399) / 400;
    const yearOfEra = y - era * 400;
    const dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5;
    const dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    cachedMonthStart = era * 146097 + dayOfEra - 719468;
    cachedMonthLength = monthLength(year, month);
  }
  return cachedMonthStart;
}

function monthLength(year: i32, month: i32): i32 {
  if (month == 2) return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}
