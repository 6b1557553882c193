/**
 * FieldEnds reads four bytes at a time; these check it against a plain scan, one byte at a time,
 * at every alignment and with the comma or line feed in every place of a word.
 */
import fc from 'fast-check';
import { FieldEnds } from '../src/field-end';

function plainScan(bytes: Uint8Array, start: number, end: number): number {
  let at = start;
  while (at < end && bytes[at] !== 44 && bytes[at] !== 10) at++;
  return at;
}

// Bytes near the ones the scan looks for (and their XOR neighbours), so borrows between bytes occur.
const byteArb = fc.oneof(
  fc.constantFrom(44, 10, 45, 43, 11, 9, 0, 1, 0x2d, 0xac, 0x8a, 0x80, 0xff, 0x7f, 0x2c ^ 0x80),
  fc.integer({ min: 0, max: 255 }),
);

describe('FieldEnds.commaOrLineFeed', () => {
  it('finds what a byte-by-byte scan finds, from any start to any end', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ maxLength: 80 })
          .chain((base) =>
            fc.tuple(fc.array(byteArb, { minLength: base.length, maxLength: base.length }), fc.nat(), fc.nat()),
          ),
        ([values, a, b]) => {
          const bytes = Uint8Array.from(values);
          const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
          const end = start + (b % (bytes.length - start + 1));
          expect(new FieldEnds().commaOrLineFeed(bytes, start, end)).toBe(plainScan(bytes, start, end));
        },
      ),
      { seed: 44, numRuns: 3000 },
    );
  });

  it('finds the comma after a store id in every position of a word, in a buffer that is a view at an odd offset', () => {
    const backing = new Uint8Array(200).fill(0x61);
    const bytes = backing.subarray(3, 150);
    const ends = new FieldEnds();
    for (let start = 0; start < 8; start++) {
      for (let length = 0; length < 40; length++) {
        bytes.fill(0x61);
        bytes[start + length] = 44;
        expect(ends.commaOrLineFeed(bytes, start, bytes.length)).toBe(start + length);
        bytes[start + length] = 10;
        expect(ends.commaOrLineFeed(bytes, start, bytes.length)).toBe(start + length);
      }
    }
  });

  it('a new chunk of bytes gets its own view: no stale reads from the last one', () => {
    const ends = new FieldEnds();
    expect(ends.commaOrLineFeed(Buffer.from('abcdefgh,ijk'), 0, 12)).toBe(8);
    expect(ends.commaOrLineFeed(Buffer.from('ab,defghijkl'), 0, 12)).toBe(2);
    expect(ends.commaOrLineFeed(Buffer.from('abcdefghijkl'), 0, 12)).toBe(12);
  });
});
