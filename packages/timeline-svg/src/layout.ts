/** Where things go: one common scale in pixels per hour, so a 23-hour day is drawn 23/24 as long. */
export const PX_PER_HOUR = 24;
/** The column of day labels. */
export const LEFT = 112;
/** Title, subtitle and legend above the first row. */
export const HEADER = 104;
export const ROW_PITCH = 54;
/** Offsets inside a row, from its top. */
export const ROW = {
  hourLabel: 10,
  gridTop: 12,
  bandTop: 14,
  bandHeight: 20,
  segmentInset: 2,
  pollTop: 38,
  pollBottom: 48,
} as const;
export const TOTALS_GAP = 14;
export const TOTALS_WIDTH = 270;
export const FOOTER = 48;
export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

/** The x of an instant in a row that starts at its day's start. */
export function xOf(instant: number, dayStart: number): number {
  return LEFT + ((instant - dayStart) / 3_600_000) * PX_PER_HOUR;
}
