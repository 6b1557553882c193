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
  private slots = new Int32Array(1 << 12).fill(-1);
  private mask = (1 << 12) - 1;

  /** The index of the id written in `text` from `start` to `end`, added if it is new. */
  indexIn(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot];
      if (index === -1) return this.add(text.substring(start, end), hash, slot);
      if (this.hashes[index] === hash && matches(this.ids[index], text, start, end)) return index;
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
    this.slots[slot] = index;
    if (this.ids.length * 2 > this.slots.length) this.rehash();
    return index;
  }

  /** Keeps the table at most half full, so probe runs stay short. */
  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let index = 0; index < this.ids.length; index++) {
      let slot = this.hashes[index] & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = index;
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
