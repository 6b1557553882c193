import { ownString } from './own-string';

/**
 * Store ids to dense indexes (0, 1, 2, ... in order of first appearance), looked up in place.
 *
 * The polls file names a store on every one of its millions of lines. Cutting each id out as a
 * string and asking a Map for it costs an allocation and a fresh hash per line; hashing the id's
 * characters where they stand in the chunk, and comparing only on a hash match, costs neither.
 */
export class StoreIdTable {
  readonly ids: string[] = [];
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(0);
  // Open addressing; each slot is a pair (hash, index + 1), 0 meaning empty: a probe reads one
  // place in memory, and an id's characters only when its hash matches.
  private slots = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;

  /** The index of the id written in `text` from `start` to `end`, added if it is new. */
  indexIn(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    const slots = this.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = slots[2 * slot + 1] - 1;
      if (index === -1) return this.add(text.substring(start, end), hash, slot);
      if (slots[2 * slot] === hash && matches(this.ids[index], text, start, end)) return index;
    }
  }

  /** The index of a whole-string id, added if it is new. */
  indexOf(id: string): number {
    return this.indexIn(id, 0, id.length);
  }

  private add(id: string, hash: number, slot: number): number {
    const index = this.ids.length;
    // The id is cut from a chunk of the file; the table must not keep that chunk alive.
    this.ids.push(ownString(id));
    if (index === this.hashes.length) this.hashes = grow(this.hashes, Math.max(1024, index * 2));
    this.hashes[index] = hash;
    this.place(slot, hash, index);
    if (this.ids.length * 2 > this.mask + 1) this.rehash();
    return index;
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

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

function matches(id: string, text: string, start: number, end: number): boolean {
  return id.length === end - start && text.startsWith(id, start);
}

function grow(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}
