/**
 * Epoch milliseconds (with a microsecond fraction) from whole microseconds, computed exactly as
 * the CSV reader computes them from text (whole part, then the fraction added), so a report from
 * the database and one from the files agree to the last bit.
 */
export function msFromMicros(us: bigint): number {
  const seconds = us / 1_000_000n;
  const micros = us - seconds * 1_000_000n;
  return Number(seconds) * 1_000 + Number(micros) / 1_000;
}

/** Whole microseconds of an instant given in epoch milliseconds (rounded to the microsecond). */
export function microsFromMs(ms: number): bigint {
  return BigInt(Math.round(ms * 1000));
}
