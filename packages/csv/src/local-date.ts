import { asciiBytes, DASH, twoDigits } from './char-codes';
import { daysFromCivil, daysInMonth } from './civil-date';

/**
 * Parses a local calendar date written exactly `YYYY-MM-DD` (four-digit year, two-digit month and
 * day) to days since 1970-01-01, or returns null. The date must exist in the proleptic Gregorian
 * calendar: `2024-02-30` and `2023-02-29` are refused, not rolled over into March, since a special
 * day moved silently to another date would change the report without a word.
 */
export function parseLocalDate(text: string): number | null {
  const bytes = text.length === 10 ? asciiBytes(text, 10) : null;
  if (bytes === null || bytes[4] !== DASH || bytes[7] !== DASH) return null;
  const century = twoDigits(bytes, 0);
  const yearOfCentury = twoDigits(bytes, 2);
  const month = twoDigits(bytes, 5);
  const day = twoDigits(bytes, 8);
  if ((century | yearOfCentury | month | day) < 0) return null;
  const year = century * 100 + yearOfCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}
