import { StoreIdTable } from '../src/store-id-table';

const bytesOf = (text: string) => Buffer.from(text, 'utf8');

describe('StoreIdTable', () => {
  it('gives dense indexes in order of first appearance, found in place, across growth', () => {
    const table = new StoreIdTable();
    const ids = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? `${BigInt(i) * 7_919_000_000_001n}` : `uuid-${i}-x`));
    const bytes = bytesOf(`${ids.join(',')},`);
    for (let round = 0; round < 2; round++) {
      let at = 0;
      ids.forEach((id, i) => {
        expect(table.indexInBytes(bytes, at, at + id.length)).toBe(i);
        at += id.length + 1;
      });
    }
    expect(table.ids).toEqual(ids);
  });

  it('tells apart ids that are prefixes of each other and the empty id', () => {
    const table = new StoreIdTable();
    expect(['12', '1', '123', '', '1'].map((id) => table.indexOf(id))).toEqual([0, 1, 2, 3, 1]);
    const bytes = bytesOf('123,12,1234');
    expect([
      table.indexInBytes(bytes, 0, 3),
      table.indexInBytes(bytes, 4, 6),
      table.indexInBytes(bytes, 7, 11),
    ]).toEqual([2, 0, 4]);
  });

  it('finds an ASCII id as the same entry whether it was added as a string or from bytes', () => {
    const table = new StoreIdTable();
    expect(table.indexOf('store-7')).toBe(0);
    expect(table.indexInBytes(bytesOf('x,store-7,y'), 2, 9)).toBe(0);
    expect(table.indexInBytes(bytesOf('store-8'), 0, 7)).toBe(1);
    expect(table.indexOf('store-8')).toBe(1);
    expect(table.ids).toEqual(['store-7', 'store-8']);
  });

  it('leaves ids with NUL or non-ASCII bytes to the string path, adding nothing', () => {
    const table = new StoreIdTable();
    expect(table.indexInBytes(bytesOf('caf\u00e9'), 0, 5)).toBe(-1);
    expect(table.indexInBytes(bytesOf('a\u0000b'), 0, 3)).toBe(-1);
    expect(table.ids).toEqual([]);
    expect(table.indexOf('caf\u00e9')).toBe(0);
    expect(table.indexOf('caf\u00e9')).toBe(0);
    // Latin-1 "é" as one byte is not the id "café" (which is two UTF-8 bytes there) and is refused.
    expect(table.indexInBytes(Buffer.from('caf\u00e9', 'latin1'), 0, 4)).toBe(-1);
  });

  it('never takes a non-ASCII id for the ASCII id its units share low bytes with', () => {
    const table = new StoreIdTable();
    // U+0141 and U+0041 share their low byte: the same words, so the same hash.
    expect(table.indexOf('\u01411234')).toBe(0);
    expect(table.indexInBytes(bytesOf('A1234'), 0, 5)).toBe(1);
    expect(table.indexOf('A1234')).toBe(1);
    expect(table.indexOf('\u01411234')).toBe(0);
    expect(table.ids).toEqual(['\u01411234', 'A1234']);
  });

  it('takes ids longer than 255 bytes only as strings, and any length that way', () => {
    const table = new StoreIdTable();
    const long = 'x'.repeat(300);
    expect(table.indexInBytes(bytesOf(long), 0, 300)).toBe(-1);
    expect(table.indexOf(long)).toBe(0);
    expect(table.indexOf(long.slice(0, 256))).toBe(1);
    expect(table.indexOf(long)).toBe(0);
  });
});
