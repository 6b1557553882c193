import { ownString } from './own-string';

/**
 * Store ids to dense indexes (0, 1, 2, ... in order of first appearance), looked up in place.
 *
 * The polls file names a store on every one of its millions of lines. Cutting each id out as a
 * string and asking a Map for it costs an allocation and a fresh hash per line; hashing the id's
 * bytes where they stand in the chunk, and comparing only on a hash match, costs neither.
 *
 * The comparison reads the ids' characters from one pool (`units`), not from the id strings: polls
 * name stores in no useful order, and 14,000 strings scattered over the heap made nearly every
 * lookup a cache miss (measured: a third of the polls reader's time); the pool is a few hundred KB.
 */
export class StoreIdTable {
  readonly ids: string[] = [];
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** Every id's UTF-16 code units, one after another; id i's are from starts[i] to starts[i + 1]. */
  private units = new Uint16Array(1 << 14);
  private starts = new Int32Array(1025);
  // Open addressing; each slot is a pair (hash, index + 1), 0 meaning empty: a probe reads one
  // place in memory, and an id's characters only when its hash matches.
  private slots = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;

  /** The index of a whole-string id, added if it is new. */
  indexOf(id: string): number {
    const hash = hashOfString(id);
    const slots = this.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = slots[2 * slot + 1] - 1;
      if (index === -1) return this.add(ownString(id), hash, slot);
      if (slots[2 * slot] === hash && this.matches(index, id)) return index;
    }
  }

  /**
   * The index of the id in `bytes` from `start` to `end`, added if it is new; or -1, adding nothing,
   * when a byte is NUL or above 0x7f. Bytes 1 to 0x7f hash and compare exactly as the same id's
   * UTF-16 code units do, so an id is one entry whichever way it was read. A byte above 0x7f is part
   * of a multi-byte character, and NUL is never part of an id (store-id.ts): the string path
   * judges those, so the check rides along in the hashing loop that reads every byte anyway.
   */
  indexInBytes(bytes: Uint8Array, start: number, end: number): number {
    // A byte of 0 sets bit 7 of `byte - 1`, a byte above 0x7f its own: one test after the loop.
    let flags = 0;
    for (let i = start; i < end; i++) flags |= bytes[i] | (bytes[i] - 1);
    if ((flags & 0x80) !== 0) return -1;
    const hash = hashOfBytes(bytes, start, end);
    const slots = this.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = slots[2 * slot + 1] - 1;
      if (index === -1) return this.add(latin1(bytes, start, end), hash, slot);
      if (slots[2 * slot] === hash && this.matchesBytes(index, bytes, start, end)) return index;
    }
  }

  private matches(index: number, id: string): boolean {
    const from = this.starts[index];
    if (this.starts[index + 1] - from !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (this.units[from + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  private matchesBytes(index: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[index];
    if (this.starts[index + 1] - from !== end - start) return false;
    for (let i = start; i < end; i++) if (this.units[from + i - start] !== bytes[i]) return false;
    return true;
  }

  /** Adds `id` (a string of its own, sharing no memory with a chunk of the file). */
  private add(id: string, hash: number, slot: number): number {
    const index = this.ids.length;
    this.ids.push(id);
    if (index === this.hashes.length) this.hashes = grow(this.hashes, Math.max(1024, index * 2));
    this.hashes[index] = hash;
    this.addUnits(index, id);
    this.place(slot, hash, index);
    if (this.ids.length * 2 > this.mask + 1) this.rehash();
    return index;
  }

  private addUnits(index: number, id: string): void {
    if (index + 2 > this.starts.length) this.starts = grow(this.starts, this.starts.length * 2);
    const from = this.starts[index];
    if (from + id.length > this.units.length) this.units = growUnits(this.units, 2 * (from + id.length));
    for (let i = 0; i < id.length; i++) this.units[from + i] = id.charCodeAt(i);
    this.starts[index + 1] = from + id.length;
  }

  private place(slot: number, hash: number, index: number): void {
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = index + 1;
  }

  /** Keeps the table at most half full, so probe runs stay short. */
  private rehash(): void {
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    for (let index = 0; index < this.ids.length; index++) {
      let slot = this.hashes[index] & this.mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.place(slot, this.hashes[index], index);
    }
  }
}

/*
 * The hash: the id's characters four at a time (one byte each: ASCII, or any unit's low bits) into
 * a 32-bit word, each word multiplied in, then a final mix (murmur3's) so that every character
 * reaches the low bits the table uses. Per character this had been a multiply each (FNV-1a), a
 * chain of 19 dependent multiplies per usual id, costing more than the rest of the lookup. Both
 * functions below must stay the same hash of the same characters.
 */
const SEED = 0x811c9dc5;
const MULTIPLIER = 0xcc9e2d51;

function hashOfBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = SEED ^ (end - start);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const word = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    hash = Math.imul(hash ^ word, MULTIPLIER);
    hash ^= hash >>> 15;
  }
  let word = 0;
  for (let shift = 0; i < end; i++, shift += 8) word |= bytes[i] << shift;
  return finish(Math.imul(hash ^ word, MULTIPLIER));
}

function hashOfString(text: string): number {
  let hash = SEED ^ text.length;
  let i = 0;
  for (; i + 4 <= text.length; i += 4) {
    const word =
      (text.charCodeAt(i) & 0xff) |
      ((text.charCodeAt(i + 1) & 0xff) << 8) |
      ((text.charCodeAt(i + 2) & 0xff) << 16) |
      ((text.charCodeAt(i + 3) & 0xff) << 24);
    hash = Math.imul(hash ^ word, MULTIPLIER);
    hash ^= hash >>> 15;
  }
  let word = 0;
  for (let shift = 0; i < text.length; i++, shift += 8) word |= (text.charCodeAt(i) & 0xff) << shift;
  return finish(Math.imul(hash ^ word, MULTIPLIER));
}

/** murmur3's final mix. */
function finish(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** ASCII bytes as a string of their own (a fresh copy, sharing no memory with the chunk). */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

function grow(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}

function growUnits(array: Uint16Array, length: number): Uint16Array<ArrayBuffer> {
  const bigger = new Uint16Array(length);
  bigger.set(array);
  return bigger;
}
