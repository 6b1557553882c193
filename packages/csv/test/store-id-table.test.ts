import { StoreIdTable } from '../src/store-id-table';

describe('StoreIdTable', () => {
  it('gives dense indexes in order of first appearance, found in place, across growth', () => {
    const table = new StoreIdTable();
    const ids = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? `${BigInt(i) * 7_919_000_000_001n}` : `uuid-${i}-x`));
    const text = `${ids.join(',')},`;
    let at = 0;
    ids.forEach((id, i) => {
      expect(table.indexIn(text, at, at + id.length)).toBe(i);
      at += id.length + 1;
    });
    at = 0;
    for (let i = 0; i < ids.length; i++) {
      expect(table.indexIn(text, at, at + ids[i].length)).toBe(i);
      at += ids[i].length + 1;
    }
    expect(table.ids).toEqual(ids);
  });

  it('tells apart ids that are prefixes of each other and the empty id', () => {
    const table = new StoreIdTable();
    expect(['12', '1', '123', '', '1'].map((id) => table.indexOf(id))).toEqual([0, 1, 2, 3, 1]);
  });
});
