/**
 * The timestamp parser reads its date and time as 32-bit words and tests four digits at once; these
 * check it against a plain regular expression and Date arithmetic, on valid timestamps with a byte
 * or two changed (to near-digits, separators, NUL, bytes above 0x7f), at every alignment inside a
 * larger buffer, and through the string path.
 */
import fc from 'fast-check';
import { parseTimestamp, parseTimestampBytes } from '../src/timestamp';

const FORM =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?( UTC|[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** What the contract accepts, computed the obvious way. */
function reference(text: string): number | null {
  const match = FORM.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const micros = match[7] === undefined ? 0 : Number(match[7].padEnd(6, '0'));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Date rolls 31 April over to 1 May: a day past its month's end shows up as another month.
  if (date.getUTCMonth() !== month - 1 || day < 1) return null;
  let offsetMinutes = 0;
  if (match[9] !== undefined) {
    const offsetHours = Number(match[10]);
    const offsetMins = match[11] === undefined ? 0 : Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (match[9] === '+' ? 1 : -1) * (offsetHours * 60 + offsetMins);
  }
  const wholeSeconds = date.getTime() / 1000 + hour * 3600 + minute * 60 + second;
  return wholeSeconds * 1000 - offsetMinutes * 60_000 + micros / 1000;
}

const validArb = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }),
    separator: fc.constantFrom(' ', 'T', 't'),
    zone: fc.constantFrom(' UTC', 'Z', 'z', '+05:30', '-0800', '+01', '-23:59'),
  })
  .map((t) => {
    const two = (n: number) => String(n).padStart(2, '0');
    const date = `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}`;
    const time = `${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
    return `${date}${t.separator}${time}${t.fraction === undefined ? '' : `.${t.fraction}`}${t.zone}`;
  });

// Characters next to the ones the parser tests for, so that a wrong mask or a borrow between bytes shows.
const oddChar = fc.constantFrom(
  ...'0123456789/:;-,.+ TtZzUC_\u0000\u007f'.split(''),
  '\u00ff',
  '\u0130',
  // Each character the parser looks for with its high bit set: a mask that drops that bit passes them.
  ...'0123456789-: TtZz.+U'.split('').map((c) => String.fromCharCode(c.charCodeAt(0) | 0x80)),
);

const mutatedArb = fc
  .tuple(
    validArb,
    fc.array(fc.tuple(fc.nat(), oddChar, fc.constantFrom('replace', 'insert', 'delete')), { maxLength: 3 }),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [place, char, how] of edits) {
      const at = place % (out.length + 1);
      if (how === 'replace') out = out.slice(0, at) + char + out.slice(at + 1);
      else if (how === 'insert') out = out.slice(0, at) + char + out.slice(at);
      else out = out.slice(0, at) + out.slice(at + 1);
    }
    return out;
  });

describe('parseTimestamp against a regular expression and Date', () => {
  it('agrees on valid timestamps', () => {
    fc.assert(
      fc.property(validArb, (text) => {
        expect(parseTimestamp(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on timestamps with bytes changed, inserted or removed', () => {
    fc.assert(
      fc.property(mutatedArb, (text) => {
        expect(parseTimestamp(text)).toBe(reference(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the same from bytes at any offset of a larger buffer, with anything around them', () => {
    fc.assert(
      fc.property(mutatedArb, fc.nat({ max: 7 }), fc.uint8Array({ maxLength: 8 }), (text, offset, tail) => {
        const body = Buffer.from(text, 'latin1');
        const bytes = new Uint8Array(offset + body.length + tail.length);
        bytes.fill(0x39, 0, offset);
        bytes.set(body, offset);
        bytes.set(tail, offset + body.length);
        // Characters past 0xff were cut to their low byte: the bytes are what counts.
        const expected = reference(body.toString('latin1'));
        expect(parseTimestampBytes(bytes, offset, offset + body.length)).toBe(expected);
      }),
      { numRuns: 10_000 },
    );
  });
});
