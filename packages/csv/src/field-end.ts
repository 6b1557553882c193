import { ByteView } from './byte-view';

/**
 * Finds where a field ends in a line of bytes, four bytes at a time.
 *
 * The polls reader looks for the comma after every store id: 36 bytes for the usual UUID, two
 * compares each when read one by one. Read as 32-bit words through a DataView, a word holds a
 * comma or a line feed exactly when one of its bytes XORed with that char is zero, which one test
 * finds for all four (the same trick as the id table's NUL check).
 */
export class FieldEnds {
  private readonly chunk = new ByteView();

  /** The index of the first comma or line feed in bytes[start, end), or `end` if there is none. */
  commaOrLineFeed(bytes: Uint8Array, start: number, end: number): number {
    const view = this.chunk.of(bytes);
    let at = start;
    for (; at + 4 <= end; at += 4) {
      const word = view.getInt32(at, true);
      const commas = word ^ COMMAS;
      const lineFeeds = word ^ LINE_FEEDS;
      const found = (((commas - LOW_BITS) & ~commas) | ((lineFeeds - LOW_BITS) & ~lineFeeds)) & HIGH_BITS;
      // The lowest flagged byte is exact (a borrow only flags bytes above a true zero byte).
      if (found !== 0) return at + ((31 - Math.clz32(found & -found)) >> 3);
    }
    while (at < end && bytes[at] !== COMMA && bytes[at] !== LINE_FEED) at++;
    return at;
  }
}

const COMMA = 44;
const LINE_FEED = 10;
const COMMAS = 0x2c2c2c2c;
const LINE_FEEDS = 0x0a0a0a0a;
const LOW_BITS = 0x01010101;
const HIGH_BITS = 0x80808080 | 0;
