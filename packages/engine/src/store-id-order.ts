/**
 * Plain byte order of UTF-8 store ids. UTF-8 byte order is code point order, which differs from
 * JavaScript's UTF-16 `<` only when astral characters meet U+E000..U+FFFF.
 */
export function compareStoreIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Surrogates (0xD800..0xDFFF) stand for code points above 0xFFFF, so they rank after the BMP.
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
