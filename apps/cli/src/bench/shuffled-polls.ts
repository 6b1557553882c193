// The benchmark's second order of the same polls: every data row of the time-ordered polls file,
// shuffled with a seeded generator (the header stays first). Readers hand the engine each store's
// polls in file order, so this file takes the engine's sorting path for every store, the path
// that already-ordered files skip.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export const SHUFFLE_SEED = 14;

/** Makes `shuffledPath` from `orderedPath` unless it exists (the shuffle is deterministic). */
export function ensureShuffledPolls(orderedPath: string, shuffledPath: string): void {
  if (existsSync(shuffledPath)) return;
  process.stderr.write(`shuffling the polls file (seed ${SHUFFLE_SEED}; once, cached) ...\n`);
  // About 130 MB: the bytes in, the same bytes reordered out, and two numbers per line between.
  const input = readFileSync(orderedPath);
  const { starts, ends } = lineBounds(input);
  // Line 0 is the header; the rest are shuffled (none in an empty file).
  const order = Uint32Array.from({ length: Math.max(0, starts.length - 1) }, (_, i) => i + 1);
  shuffleInPlace(order, seededRandom(SHUFFLE_SEED));
  const output = Buffer.allocUnsafe(input.length + 1);
  let length = starts.length > 0 ? copyLine(input, starts[0], ends[0], output, 0) : 0;
  for (const line of order) length = copyLine(input, starts[line], ends[line], output, length);
  // Written beside the final name and renamed: an interrupted run leaves no half file to reuse.
  const partial = `${shuffledPath}.partial`;
  writeFileSync(partial, output.subarray(0, length));
  renameSync(partial, shuffledPath);
}

/** Where each line starts and ends (before its newline); a last line without one counts too. */
function lineBounds(bytes: Buffer): { starts: Uint32Array; ends: Uint32Array } {
  let count = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) count++;
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  let start = 0;
  for (let line = 0; line < count; line++) {
    const newline = bytes.indexOf(10, start);
    const end = newline === -1 ? bytes.length : newline;
    starts[line] = start;
    ends[line] = end;
    start = end + 1;
  }
  return { starts, ends };
}

/** Copies one line and a newline to `output` at `at`; where the next one goes. */
function copyLine(input: Buffer, start: number, end: number, output: Buffer, at: number): number {
  const next = at + input.copy(output, at, start, end);
  output[next] = 10;
  return next + 1;
}

/** Fisher-Yates: every order equally likely, given a uniform source in [0, 1). */
export function shuffleInPlace(items: { [index: number]: number; length: number }, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = items[i];
    items[i] = items[j];
    items[j] = item;
  }
}

/** mulberry32: a small seeded generator of numbers in [0, 1), the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
