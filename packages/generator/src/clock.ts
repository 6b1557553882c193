/** Local clock times, as seconds after midnight, written the way business-hours files write them. */

export type ClockStyle = 'HH:MM:SS' | 'HH:MM';

export const MINUTE = 60;
export const HOUR = 3600;
/** `23:59:59`: how real files say "until midnight". */
export const LAST_SECOND = 24 * HOUR - 1;

/** `HH:MM:SS`, or `HH:MM` dropping the seconds (so `23:59:59` becomes `23:59`, which means the same). */
export function formatClock(seconds: number, style: ClockStyle): string {
  const hh = pad2(Math.floor(seconds / HOUR));
  const mm = pad2(Math.floor(seconds / MINUTE) % 60);
  return style === 'HH:MM' ? `${hh}:${mm}` : `${hh}:${mm}:${pad2(seconds % 60)}`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
