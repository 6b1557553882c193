/**
 * Proleptic Gregorian dates as plain integers, for every year. Date.UTC is not used for this: it
 * reads years 0 to 99 as 1900 to 1999, which put a poll of the year 50 in 1950.
 */

const DAY_MS = 86_400_000;

/**
 * Days from 1970-01-01 to the given date (month 1-12), by Howard Hinnant's days_from_civil:
 * years are counted from March so the leap day falls at the end of a 400-year era.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The instant (ms) of 1 January 00:00 UTC of `year`. */
export function startOfYear(year: number): number {
  return daysFromCivil(year, 1, 1) * DAY_MS;
}
