/**
 * A copy of `text` that shares no memory with the string it came from.
 *
 * Fields cut from a parsed chunk are V8 sliced strings: each keeps the whole chunk (64 KiB or more)
 * alive. Anything kept past the chunk (map keys, rejects) must be copied, or a 130 MB file would stay
 * in memory piece by piece. The Buffer round trip always allocates a fresh flat string.
 */
export function ownString(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
