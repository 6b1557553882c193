/**
 * Redis answers a write it will not take with an error whose first word says why: OOM (at its
 * maxmemory with noeviction), READONLY (a replica), MISCONF (it cannot save to disk). Reads still
 * work, so the connection looks healthy: these must be told apart from Redis being down.
 */
const REFUSALS: Record<string, string> = {
  OOM: 'Redis is full (maxmemory) and refuses writes',
  READONLY: 'Redis is a read-only replica and refuses writes',
  MISCONF: 'Redis cannot save to disk and refuses writes',
};

/** The sentence for a write refusal anywhere in the error's causes, or undefined for any other error. */
export function writeRefusal(error: unknown): string | undefined {
  for (let e = error as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    const word = typeof e.message === 'string' ? /^([A-Z]+) /.exec(e.message)?.[1] : undefined;
    if (word !== undefined && word in REFUSALS) return REFUSALS[word];
  }
  return undefined;
}
