/**
 * An instant as ISO 8601 UTC, as short as it is exact: `2024-01-10T12:00:00Z`, with milliseconds or
 * microseconds only when it has them (polls keep microseconds as a fraction of a millisecond).
 */
export function formatInstant(ms: number): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1_000);
  const iso = new Date(whole).toISOString(); // 2024-01-10T12:00:00.000Z
  const millis = iso.slice(20, 23);
  if (micros !== 0) return `${iso.slice(0, 19)}.${millis}${String(micros).padStart(3, '0')}Z`;
  if (millis !== '000') return iso;
  return `${iso.slice(0, 19)}Z`;
}
