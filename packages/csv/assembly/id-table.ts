// Store ids to TypeScript's store indexes (StoreIdTable's), by their bytes: an open-addressing
// table of (hash, index + 1, the id's place in the arena), kept at most half full, and an arena of
// ids, each its length then its bytes as zero-padded 32-bit words.

import { alloc, grown, zeroed } from './memory';

const LOW_BITS: u32 = 0x01010101;
const HIGH_BITS: u32 = 0x80808080;
/** Bytes per slot: the hash, the index + 1 (0: empty), the entry's arena offset. */
const SLOT_BYTES: u32 = 12;

let slots: usize = 0;
let slotMask: u32 = 0;
let idCount: u32 = 0;
let arena: usize = 0;
let arenaUsed: u32 = 0;
let arenaCapacity: u32 = 0;

export function startIdTable(): void {
  slotMask = 4095;
  slots = zeroed((slotMask + 1) * SLOT_BYTES);
  arenaCapacity = 1 << 16;
  arena = alloc(arenaCapacity);
}

/** How many ids the table holds. */
export function storedIds(): u32 {
  return idCount;
}

/** What idHash returns for an id with a NUL byte or one above 0x7f. */
export const NOT_PLAIN: i64 = -1;

/**
 * The id's hash from its words (the last zero-padded), or NOT_PLAIN when a byte is NUL or above
 * 0x7f (those ids are TypeScript's to judge): one pass for both. A word has a zero byte exactly
 * when (word - 0x01010101) & ~word has a high bit set; a byte above 0x7f has its own high bit.
 */
export function idHash(start: usize, length: i32): i64 {
  let bad: u32 = 0;
  let hash: u32 = 0x811c9dc5 ^ <u32>length;
  const full = start + <usize>(length & ~3);
  let at = start;
  for (; at < full; at += 4) {
    const word = load<u32>(at);
    bad |= word | ((word - LOW_BITS) & ~word);
    hash = mix(hash, word);
  }
  if (length & 3) {
    const mask = lastWordMask(length);
    const word = load<u32>(at) & mask;
    // The padding would read as NUL: it is set to 1s for the test.
    const padded = word | (LOW_BITS & ~mask);
    bad |= padded | ((padded - LOW_BITS) & ~padded);
    hash = mix(hash, word);
  }
  return (bad & HIGH_BITS) == 0 ? <i64>finish(hash) : NOT_PLAIN;
}

/** The index of the id at `start` with this hash, or -1 when the table does not hold it. */
export function lookUp(start: usize, length: i32, hash: u32): i32 {
  let slot = hash & slotMask;
  for (let at = slotAt(slot); load<i32>(at, 4) != 0; at = slotAt(slot)) {
    if (load<u32>(at) == hash && sameId(arena + load<u32>(at, 8), start, length)) return load<i32>(at, 4) - 1;
    slot = (slot + 1) & slotMask;
  }
  return -1;
}

/** Adds the id at `start` (its hash from idHash) as store `index`. */
export function addId(start: usize, length: i32, hash: u32, index: i32): void {
  const bytes: u32 = 4 + 4 * <u32>((length + 3) >> 2);
  while (arenaUsed + bytes > arenaCapacity) {
    arena = grown(arena, arenaCapacity);
    arenaCapacity *= 2;
  }
  const entry = arena + arenaUsed;
  store<u32>(entry, length);
  for (let w: u32 = 4; w < bytes; w += 4) store<u32>(entry + w, idWord(start, (w - 4) >> 2, length));
  place(hash, index, arenaUsed);
  arenaUsed += bytes;
  idCount++;
  if (idCount * 2 > slotMask + 1) rehash();
}

/** Word `w` of the id at `start`, the last one zero-padded past the id's `length`. */
function idWord(start: usize, w: u32, length: i32): u32 {
  const word = load<u32>(start + 4 * <usize>w);
  return w == <u32>(length - 1) >> 2 ? word & lastWordMask(length) : word;
}

function lastWordMask(length: i32): u32 {
  const rest = length & 3;
  return rest == 0 ? 0xffffffff : ((<u32>1) << (8 * <u32>rest)) - 1;
}

function slotAt(slot: u32): usize {
  return slots + <usize>slot * SLOT_BYTES;
}

/** Whether the arena's entry (length, then words) is the id at `start`: whole words, then the masked last. */
function sameId(entry: usize, start: usize, length: i32): bool {
  if (load<i32>(entry) != length) return false;
  const full = <usize>(length & ~3);
  let i: usize = 0;
  for (; i < full; i += 4) if (load<u32>(entry + 4 + i) != load<u32>(start + i)) return false;
  return (length & 3) == 0 || load<u32>(entry + 4 + i) == (load<u32>(start + i) & lastWordMask(length));
}

function mix(hash: u32, word: u32): u32 {
  const mixed = (hash ^ word) * 0xcc9e2d51;
  return mixed ^ (mixed >> 15);
}

/** murmur3's final mix. */
function finish(hash: u32): u32 {
  let h = hash ^ (hash >> 16);
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >> 16);
}

function place(hash: u32, index: i32, entry: u32): void {
  let slot = hash & slotMask;
  while (load<i32>(slotAt(slot), 4) != 0) slot = (slot + 1) & slotMask;
  const at = slotAt(slot);
  store<u32>(at, hash);
  store<i32>(at, index + 1, 4);
  store<u32>(at, entry, 8);
}

/** Keeps the table at most half full, so probe runs stay short. */
function rehash(): void {
  const old = slots;
  const oldCount = slotMask + 1;
  slotMask = oldCount * 2 - 1;
  slots = zeroed((slotMask + 1) * SLOT_BYTES);
  for (let slot: u32 = 0; slot < oldCount; slot++) {
    const at = old + <usize>slot * SLOT_BYTES;
    const index = load<i32>(at, 4) - 1;
    if (index >= 0) place(load<u32>(at), index, load<u32>(at, 8));
  }
}
