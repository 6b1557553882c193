/**
 * Field positions in one quote-free line, found in place for the readers' fast paths.
 * `bounds[i]` is where field i starts and `bounds[i + 1] - 1` where it ends (the comma or, for the
 * last field, the line end); `bounds` has one slot more than there are fields.
 */
export function splitInPlace(text: string, start: number, end: number, bounds: Int32Array): boolean {
  bounds[0] = start;
  const last = bounds.length - 2;
  for (let field = 1; field <= last; field++) {
    const comma = text.indexOf(',', bounds[field - 1]);
    if (comma === -1 || comma >= end) return false; // fewer fields than the header
    bounds[field] = comma + 1;
  }
  const extra = text.indexOf(',', bounds[last]);
  if (extra !== -1 && extra < end) return false; // more fields than the header
  bounds[last + 1] = end + 1;
  return true;
}

const SPACE = 32;

/**
 * Whether a field is non-empty with no whitespace (or control char) at either end: exactly what
 * String.prototype.trim, which the slow path uses, would leave alone (it also removes non-ASCII
 * spaces such as U+00A0 and a byte-order mark U+FEFF).
 */
export function isBareField(text: string, start: number, end: number): boolean {
  return end > start && isBareChar(text.charCodeAt(start)) && isBareChar(text.charCodeAt(end - 1));
}

const UNICODE_SPACE = /\s/;

function isBareChar(code: number): boolean {
  return code > SPACE && (code < 0x80 || !UNICODE_SPACE.test(String.fromCharCode(code)));
}
