// Instants as PostgreSQL keeps them (microseconds) and as the engine takes them (milliseconds).
// Whole microseconds since 1970 fit a double exactly for any real date (below 2^53), so they
// travel as plain numbers, not BigInts.

/** timestamptz counts microseconds from 2000-01-01 UTC, not from 1970. */
const PG_EPOCH_US = 946_684_800_000_000;
const TWO_32 = 2 ** 32;

/** Epoch microseconds from a binary timestamptz's two big-endian halves. */
export function microsFromPg(high: number, low: number): number {
  return high * TWO_32 + low + PG_EPOCH_US;
}

/** A binary timestamptz's two halves (signed high, unsigned low) for epoch microseconds. */
export function pgHalves(us: number): [high: number, low: number] {
  const pg = us - PG_EPOCH_US;
  const high = Math.floor(pg / TWO_32);
  return [high, pg - high * TWO_32];
}

/**
 * Epoch milliseconds (with a microsecond fraction) from whole microseconds, computed exactly as
 * the CSV reader computes them from text (whole seconds, then the fraction added), so a report
 * from the database and one from the files agree to the last bit.
 */
export function msFromMicros(us: number): number {
  let seconds = Math.floor(us / 1_000_000);
  // The division is rounded; one step corrects it where that crossed a whole second.
  if (seconds * 1_000_000 > us) seconds--;
  else if ((seconds + 1) * 1_000_000 <= us) seconds++;
  return seconds * 1_000 + (us - seconds * 1_000_000) / 1_000;
}

/** Whole microseconds of an instant given in epoch milliseconds (rounded to the microsecond). */
export function microsFromMs(ms: number): number {
  return Math.round(ms * 1000);
}
