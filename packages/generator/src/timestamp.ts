import { MICROS_PER_DAY } from './poll-window';

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

// Millions of polls fall on a handful of dates: the date text is made once per date.
let cachedDay = Number.NaN;
let cachedDate = '';

/**
 * Epoch microseconds as the real files write them: `2024-04-07 17:09:39.388884 UTC`, trailing zeros
 * of the fraction dropped (`.5`), no fraction at all on a whole second.
 */
export function formatTimestamp(micros: number): string {
  const day = Math.floor(micros / MICROS_PER_DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
  const inDay = micros - day * MICROS_PER_DAY;
  const seconds = Math.floor(inDay / 1_000_000);
  const clock = `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
  return `${cachedDate} ${clock}${fraction(inDay - seconds * 1_000_000)} UTC`;
}

function fraction(micros: number): string {
  if (micros === 0) return '';
  let digits = String(micros).padStart(6, '0');
  while (digits.endsWith('0')) digits = digits.slice(0, -1);
  return `.${digits}`;
}
