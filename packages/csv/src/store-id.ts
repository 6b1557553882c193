/**
 * What a store id may hold beyond being non-empty. The contract keeps ids opaque, but every id
 * must fit a database key: PostgreSQL text cannot hold NUL, and a btree index entry is limited
 * (about 2.7 kB), so ids are capped well below it. A U+FFFD is what invalid UTF-8 in the file
 * decodes to: such an id would silently differ from the one meant, so its row is rejected.
 * Characters are counted as PostgreSQL counts them, in code points: an emoji is one, though a JS
 * string holds it as two UTF-16 units.
 */
export const MAX_STORE_ID_CHARS = 255;

/** Why `id` (already trimmed and non-empty) cannot be a store id, or null when it can. */
export function storeIdProblem(id: string): string | null {
  if (id.length > MAX_STORE_ID_CHARS && codePoints(id) > MAX_STORE_ID_CHARS) {
    return `store_id: is longer than ${MAX_STORE_ID_CHARS} characters`;
  }
  if (id.indexOf('\u0000') !== -1) return 'store_id: holds a NUL character';
  if (id.indexOf('\ufffd') !== -1) return 'store_id: is not valid UTF-8 (holds U+FFFD)';
  return null;
}

/**
 * The bytes paths' check of an id in place: non-empty, within the cap in bytes, and nothing at
 * either end that trimming would remove. What it lets through may still hold NUL or non-ASCII
 * bytes, which StoreIdTable.indexInBytes refuses; anything refused goes to the string path.
 */
export function isBareIdBytes(bytes: Uint8Array, start: number, end: number): boolean {
  return end > start && end - start <= MAX_STORE_ID_CHARS && bytes[start] > SPACE && bytes[end - 1] > SPACE;
}

const SPACE = 32;

/** Code points in `text`: a surrogate pair counts once, a lone surrogate once too. */
function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
