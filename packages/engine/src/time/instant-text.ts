/**
 * An instant as ISO 8601 UTC, as short as it is exact: `2024-01-10T12:00:00Z`, with milliseconds or
 * microseconds only when it has them (polls keep microseconds as a fraction of a millisecond).
 * Finer instants (a midpoint between two polls) are rounded to the microsecond first, so that
 * 999.9996 µs carries into the next millisecond instead of printing as 1000 µs.
 */
export function formatInstant(ms: number): string {
  const totalMicros = Math.round(ms * 1_000);
  const whole = Math.floor(totalMicros / 1_000);
  const micros = totalMicros - whole * 1_000;
  const iso = new Date(whole).toISOString(); // 2024-01-10T12:00:00.000Z
  const millis = iso.slice(20, 23);
  if (micros !== 0) return `${iso.slice(0, 19)}.${millis}${String(micros).padStart(3, '0')}Z`;
  if (millis !== '000') return iso;
  return `${iso.slice(0, 19)}Z`;
}
