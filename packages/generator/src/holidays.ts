/** Holidays restaurants mark in their special hours, and what they usually do on them. */

const DAY_MS = 86_400_000;

/** What a store does on a special date. */
export type SpecialKind = 'closed' | 'short' | 'overnight' | 'split' | 'all-day';

export interface Holiday {
  /** Days since 1970-01-01. */
  day: number;
  name: string;
  kind: SpecialKind;
}

/** Fixed-date holidays: [month, day, name, kind]. */
const FIXED: readonly (readonly [number, number, string, SpecialKind])[] = [
  [1, 1, "New Year's Day", 'closed'],
  [7, 4, 'Independence Day', 'short'],
  [12, 24, 'Christmas Eve', 'short'],
  [12, 25, 'Christmas Day', 'closed'],
  [12, 26, 'Boxing Day', 'short'],
  // Open late into the new year: the overnight special span.
  [12, 31, "New Year's Eve", 'overnight'],
];

/** Holidays whose date moves: [days after Easter Sunday, name, kind]. */
const EASTER_BASED: readonly (readonly [number, string, SpecialKind])[] = [
  [-2, 'Good Friday', 'short'],
  [0, 'Easter Sunday', 'closed'],
  [1, 'Easter Monday', 'short'],
];

/** The holidays from `firstDay` to `lastDay` (day numbers, both included), in date order. */
export function holidaysBetween(firstDay: number, lastDay: number): Holiday[] {
  const firstYear = new Date(firstDay * DAY_MS).getUTCFullYear();
  const lastYear = new Date(lastDay * DAY_MS).getUTCFullYear();
  const all: Holiday[] = [];
  for (let year = firstYear; year <= lastYear; year++) all.push(...holidaysOf(year));
  return all.filter(({ day }) => day >= firstDay && day <= lastDay).sort((a, b) => a.day - b.day);
}

function holidaysOf(year: number): Holiday[] {
  const easter = easterSunday(year);
  return [
    ...FIXED.map(([month, day, name, kind]) => ({ day: dayOf(year, month, day), name, kind })),
    ...EASTER_BASED.map(([offset, name, kind]) => ({ day: easter + offset, name, kind })),
    { day: thanksgiving(year), name: 'Thanksgiving', kind: 'closed' as const },
  ];
}

/** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" computus), as a day number. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, day);
}

/** The fourth Thursday of November (US). */
function thanksgiving(year: number): number {
  const first = dayOf(year, 11, 1);
  // 1970-01-01 was a Thursday: day numbers that are multiples of 7 are Thursdays.
  const toThursday = ((-first % 7) + 7) % 7;
  return first + toThursday + 21;
}

function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}
