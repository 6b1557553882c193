import { ByteView } from './byte-view';
import { ownString } from './own-string';

/**
 * Store ids to dense indexes (0, 1, 2, ... in order of first appearance), looked up in place.
 *
 * The polls file names a store on every one of its millions of lines. Cutting each id out as a
 * string and asking a Map for it costs an allocation and a fresh hash per line; reading the id's
 * bytes where they stand in the chunk, four at a time as 32-bit words, and comparing words only on
 * a hash match, costs neither. One pass over the bytes packs the words, hashes them and checks
 * that every byte is plain ASCII (measured: the lookup went from about 60 ns to 30 ns).
 */
export class StoreIdTable {
  readonly ids: string[] = [];
  private hashes = new Int32Array(1024);
  /** Each ASCII id's bytes as words (little-endian, zero-padded), one id after another. */
  private words = new Int32Array(1 << 14);
  /** Id i's words start at wordStarts[i]; its length in bytes is lengths[i], or -1 if not ASCII. */
  private wordStarts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  /** The words of the id being looked up. */
  private readonly scratch = new Int32Array(64);
  private readonly chunk = new ByteView();
  // Open addressing; each slot is a pair (hash, index + 1), 0 meaning empty: a probe reads one
  // place in memory, and an id's words only when its hash matches.
  private slots = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;

  /** The index of a whole-string id, added if it is new. */
  indexOf(id: string): number {
    const ascii = packString(id, this.scratch);
    const hash = hashWords(this.scratch, id.length);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[2 * slot + 1] - 1;
      if (index === -1) return this.add(ownString(id), hash, slot, ascii ? id.length : -1);
      if (this.slots[2 * slot] === hash && this.ids[index] === id) return index;
    }
  }

  /**
   * The index of the id in `bytes` from `start` to `end`, added if it is new; or -1, adding nothing,
   * when a byte is NUL or above 0x7f. Bytes 1 to 0x7f are the id's characters, so an id is one
   * entry whichever way it was read. A byte above 0x7f is part of a multi-byte character, and NUL
   * is never part of an id (store-id.ts): the string path judges those, so the check rides along in
   * the pass that reads every byte anyway. Ids longer than 255 bytes are for the string path too.
   */
  indexInBytes(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > 4 * this.scratch.length) return -1;
    const hash = packAndHash(this.chunk.of(bytes), bytes, start, end, this.scratch);
    if (hash === NOT_ASCII) return -1;
    const slots = this.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = slots[2 * slot + 1] - 1;
      if (index === -1) return this.add(latin1(bytes, start, end), hash, slot, length);
      if (slots[2 * slot] === hash && this.sameWords(index, length)) return index;
    }
  }

  /** Whether id `index` is the ASCII id of `length` bytes whose words are in scratch. */
  private sameWords(index: number, length: number): boolean {
    if (this.lengths[index] !== length) return false;
    const from = this.wordStarts[index];
    for (let w = 0; w < (length + 3) >> 2; w++) if (this.words[from + w] !== this.scratch[w]) return false;
    return true;
  }

  /** Adds `id` (a string of its own), whose words are in scratch when it is ASCII (length >= 0). */
  private add(id: string, hash: number, slot: number, length: number): number {
    const index = this.ids.length;
    this.ids.push(id);
    if (index + 1 >= this.lengths.length) this.growPerId();
    this.hashes[index] = hash;
    this.lengths[index] = length;
    this.addWords(index, length < 0 ? 0 : (length + 3) >> 2);
    this.place(slot, hash, index);
    if (this.ids.length * 2 > this.mask + 1) this.rehash();
    return index;
  }

  private addWords(index: number, count: number): void {
    const from = this.wordStarts[index];
    if (from + count > this.words.length) this.words = grow(this.words, 2 * (from + count));
    this.words.set(this.scratch.subarray(0, count), from);
    this.wordStarts[index + 1] = from + count;
  }

  private growPerId(): void {
    const length = 2 * this.lengths.length;
    this.hashes = grow(this.hashes, length);
    this.lengths = grow(this.lengths, length);
    this.wordStarts = grow(this.wordStarts, length);
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

const HIGH_BITS = 0x80808080 | 0;
const LOW_BITS = 0x01010101;

/** What packAndHash returns for bytes that are not all plain ASCII: no hash is negative. */
const NOT_ASCII = -1;

/**
 * Packs bytes[start, end) into little-endian words (the last zero-padded) and hashes them in the
 * same pass, or NOT_ASCII when a byte is NUL or above 0x7f. A word has a zero byte exactly when
 * (word - 0x01010101) & ~word has a high bit set; a byte above 0x7f has its own high bit set. The
 * zero padding is not checked. One loop rather than a pack then a hash: 48 -> 36 ns a lookup over
 * the shuffled bench file's ids.
 */
function packAndHash(view: DataView, bytes: Uint8Array, start: number, end: number, words: Int32Array): number {
  let bad = 0;
  let hash = SEED ^ (end - start);
  let w = 0;
  let i = start;
  for (; i + 4 <= end; i += 4, w++) {
    const word = view.getInt32(i, true);
    bad |= word | ((word - LOW_BITS) & ~word);
    words[w] = word;
    hash = mixWord(hash, word);
  }
  if (i < end) {
    let word = 0;
    for (let shift = 0; i < end; i++, shift += 8) {
      bad |= bytes[i] | (bytes[i] - 1);
      word |= bytes[i] << shift;
    }
    words[w] = word;
    hash = mixWord(hash, word);
  }
  return (bad & HIGH_BITS) === 0 ? finishHash(hash) : NOT_ASCII;
}

/** packBytes for a string's code units, each cut to its low byte; true when all are ASCII. */
function packString(text: string, words: Int32Array): boolean {
  let high = 0;
  const count = Math.min((text.length + 3) >> 2, words.length);
  for (let w = 0; w < count; w++) {
    let word = 0;
    for (let b = 0; b < 4 && 4 * w + b < text.length; b++) {
      const unit = text.charCodeAt(4 * w + b);
      high |= unit;
      word |= (unit & 0xff) << (8 * b);
    }
    words[w] = word;
  }
  return high < 0x80 && text.length <= 4 * words.length;
}

const SEED = 0x811c9dc5;
const MULTIPLIER = 0xcc9e2d51;

/**
 * The hash of an id from its words and length (the string path; packAndHash is the same for
 * bytes): each word multiplied in, then murmur3's final mix, so that every character reaches the
 * low bits the table uses.
 */
function hashWords(words: Int32Array, length: number): number {
  let hash = SEED ^ length;
  const count = Math.min((length + 3) >> 2, words.length);
  for (let w = 0; w < count; w++) hash = mixWord(hash, words[w]);
  return finishHash(hash);
}

function mixWord(hash: number, word: number): number {
  const mixed = Math.imul(hash ^ word, MULTIPLIER);
  return mixed ^ (mixed >>> 15);
}

/** murmur3's final mix, its sign bit cleared: a hash is never NOT_ASCII. */
function finishHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x7fffffff;
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
