import fc from 'fast-check';
import { readSpecialHours, type Reject } from '../../src';

/**
 * Hostile and good rows of a special-days file, for the fuzz tests of every door that reads one
 * (the reader, `POST /special_hours`, `store-monitor report --special-hours`). A good row says
 * nothing of its values: the tests compare with the reader run on the good rows alone.
 */
export interface SpecialRow {
  /** The line's bytes, without its line end (an id may hold line breaks of its own). */
  bytes: Buffer;
  /** Set on a bad row: the exact reason it must be rejected with. */
  reason?: string;
}

export const SPECIAL_HEADER = 'store_id,date,start_time_local,end_time_local';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** Real dates, the calendar's edges among them; few, so that good rows meet on the same date. */
const REAL_DATES = [
  '2024-12-24',
  '2024-12-25',
  '2024-02-29',
  '2000-02-29',
  '1970-01-01',
  '0001-01-01',
  '0000-01-01',
  '9999-12-31',
];

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** A clock time in each form the reader takes: hh:mm, hh:mm:ss, hh:mm:ss.f to .ffffff. */
const clockTime = fc
  .record({
    h: fc.integer({ min: 0, max: 23 }),
    m: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    form: fc.integer({ min: 0, max: 2 }),
    fraction: fc.stringMatching(/^[0-9]{1,6}$/),
  })
  .map(({ h, m, s, form, fraction }) => {
    const hhmm = `${twoDigits(h)}:${twoDigits(m)}`;
    if (form === 0) return hhmm;
    return form === 1 ? `${hhmm}:${twoDigits(s)}` : `${hhmm}:${twoDigits(s)}.${fraction}`;
  });

/**
 * A field as a person or a spreadsheet might write it: bare, quoted, or padded with spaces the
 * reader trims (never both: spaces around a quoted field would make its quotes literal).
 */
function written(text: string, style: number): string {
  if (style === 1 || /[",\r\n]/.test(text)) return quoted(text);
  return style === 2 ? ` ${text}\u00a0` : text;
}

/**
 * A good row: one of three stores (ids with commas, quotes, line breaks, non-ASCII, formula-like
 * text), a real date, and a closed day, an ordinary, overnight or to-midnight span, or spans that
 * overlap another row's. `lineBreaks` is false for files with stray quotes: the reader's recovery
 * re-reads such a span line by line (a known limit, see fuzz-readers.test.ts).
 */
export function goodSpecialRow(prefix: string, lineBreaks: boolean): fc.Arbitrary<SpecialRow> {
  const suffixes = [
    '',
    ',x',
    ' "q"',
    '\u00e9\u{1F600}',
    '\u5e97\u8217',
    '=1+2',
    '\u200fرز',
    ...(lineBreaks ? ['\nl'] : []),
  ];
  return fc
    .record({
      store: fc.constantFrom('s1', 's2', 's3'),
      suffix: fc.constantFrom(...suffixes),
      date: fc.constantFrom(...REAL_DATES),
      kind: fc.constantFrom('closed', 'open', 'overnight', 'midnight'),
      start: clockTime,
      end: clockTime,
      styles: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ store, suffix, date, kind, start, end, styles }) => {
      const [from, to] =
        kind === 'closed'
          ? ['', '']
          : kind === 'midnight'
            ? [start, '24:00']
            : kind === 'overnight'
              ? ['22:00', end]
              : [start, end];
      const fields = [`${prefix}${store}${suffix}`, date, from, to];
      // An empty field is written bare or quoted, never padded: a padded empty field is still empty.
      return { bytes: utf8(fields.map((f, i) => written(f, f === '' ? styles[i] % 2 : styles[i])).join(',')) };
    });
}

/** Dates the reader must refuse, each as it is shown in the reason. */
const BAD_DATES = [
  '2024-02-30',
  '2023-02-29',
  '1900-02-29',
  '2024-13-01',
  '2024-00-10',
  '2024-04-31',
  '2024-1-8',
  '24-12-25',
  '2024/12/25',
  '25-12-2024',
  '2024-12-25T00:00',
  '2024-12-25 00:00',
  '+2024-12-25',
  '\uff12\uff10\uff12\uff14-12-25',
  '2024-12-2\u0000',
  '2024\u201312\u201325',
  'NaN',
  'tomorrow',
];

/** Times no span may start with; 24:00 may only end one. */
const BAD_STARTS: Array<[string, string]> = [
  ...['25:00', '23:60', '9:00', 'noon', '-1:00', '12:00:60', '12:00:00.1234567', '\uff11\uff12:00', '12h00', 'NaN'].map(
    (t): [string, string] => [t, `start_time_local: ${JSON.stringify(t)} is not a valid clock time`],
  ),
  ['24:00', 'start_time_local: "24:00" is allowed only as an end time'],
  ['24:00:00', 'start_time_local: "24:00:00" is allowed only as an end time'],
];
const BAD_ENDS = ['24:01', '24:00:01', '25:00', '99:99', '12:5', '12:00 pm', 'Infinity'];

/**
 * A bad row of every class the reader knows, for store `id` (plain: its fields are written bare,
 * so the reason is theirs alone), with the exact reason.
 */
export function badSpecialRow(id: string, quoteErrors: boolean): fc.Arbitrary<SpecialRow> {
  const text = (line: string, reason: string): SpecialRow => ({ bytes: utf8(line), reason });
  const classes: Array<fc.Arbitrary<SpecialRow>> = [
    fc
      .constantFrom(...BAD_DATES)
      .map((d) => text(`${id},${d},09:00,17:00`, `date: ${JSON.stringify(d)} is not a real date written YYYY-MM-DD`)),
    fc.constant(text(`${id},,09:00,17:00`, 'date: is empty')),
    fc.constant(text(`${id},  ,,`, 'date: is empty')),
    fc.constantFrom(...BAD_STARTS).map(([t, reason]) => text(`${id},2024-12-25,${t},17:00`, reason)),
    fc
      .constantFrom(...BAD_ENDS)
      .map((t) =>
        text(`${id},2024-12-25,09:00,${t}`, `end_time_local: ${JSON.stringify(t)} is not a valid clock time`),
      ),
    fc.constant(
      text(`${id},2024-12-25,,17:00`, 'start_time_local: is empty (end_time_local is not; both empty means closed)'),
    ),
    fc.constant(
      text(`${id},2024-12-25,09:00, `, 'end_time_local: is empty (start_time_local is not; both empty means closed)'),
    ),
    fc.constant(text(',2024-12-25,,', 'store_id: is empty')),
    fc.constant(text(`${id}\u0000,2024-12-25,,`, 'store_id: holds a NUL character')),
    fc
      .integer({ min: 256, max: 3000 })
      .map((n) => text(`${'i'.repeat(n)},2024-12-25,,`, 'store_id: is longer than 255 characters')),
    fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf]).map((bad) => ({
      bytes: Buffer.concat([utf8(id), Buffer.from(bad), utf8(',2024-12-25,,')]),
      reason: 'store_id: is not valid UTF-8 (holds U+FFFD)',
    })),
    fc.constant(text(`${id},2024-12-25,09:00`, 'has 3 fields, header has 4')),
    fc.constant(text(`${id},2024-12-25,09:00,17:00,x`, 'has 5 fields, header has 4')),
    fc.constant(text(`${id}`, 'has 1 field, header has 4')),
    // A CR alone does not end a line: the row runs on into the next one's fields.
    fc.constant(text(`${id},2024-12-25,,\r${id},2024-12-26,,`, 'has 7 fields, header has 4')),
  ];
  if (quoteErrors)
    classes.push(fc.constant(text(`${id},"2024-12-25"x,,`, 'a quoted field has text after its closing quote')));
  return fc.oneof(...classes);
}

/** What a file of `rows` must give: its bytes and the [line, reason] of each reject, in order. */
export function specialFile(
  rows: readonly SpecialRow[],
  opts: { eol: string; bom: boolean; finalEol: boolean; unclosedLast?: boolean },
): { bytes: Buffer; expectedRejects: Array<[number, string]> } {
  const all = opts.unclosedLast
    ? [...rows, { bytes: utf8('u,"2024-12-25,,'), reason: 'a quoted field is never closed' }]
    : rows;
  const expectedRejects: Array<[number, string]> = [];
  let line = 2;
  for (const row of all) {
    if (row.reason !== undefined) expectedRejects.push([line, row.reason]);
    line += 1 + (row.bytes.toString('utf8').match(/\n/g)?.length ?? 0);
  }
  const bytes = Buffer.concat([
    opts.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
    utf8(`${SPECIAL_HEADER}${opts.eol}`),
    ...all.flatMap((r, i) => (i < all.length - 1 || opts.finalEol ? [r.bytes, utf8(opts.eol)] : [r.bytes])),
  ]);
  return { bytes, expectedRejects };
}

/** What the reader keeps of `bytes`, as `id|day|startMs|endMs` sorted (as storedSpecialDays lists rows), and its rejects. */
export async function readerKeeps(bytes: Buffer): Promise<{ kept: string[]; rejects: Reject[] }> {
  const rejects: Reject[] = [];
  const source = {
    name: 'expected',
    bytes: (async function* () {
      yield bytes;
    })(),
  };
  const { specialHours } = await readSpecialHours(source, { onReject: (r) => rejects.push(r) });
  const kept = [...specialHours.values()].flat().map((r) => `${r.storeId}|${r.date}|${r.startMs}|${r.endMs}`);
  return { kept: kept.sort(), rejects };
}

type Query = (
  sql: string,
  values: unknown[],
) => Promise<{ rows: Array<{ store_id: string; day: number; start_ms: number | null; end_ms: number | null }> }>;

/** The special days a database holds for the stores whose ids start with `prefix`, as readerKeeps lists them. */
export async function storedSpecialDays(query: Query, prefix: string): Promise<string[]> {
  const { rows } = await query(
    `SELECT store_id, date - date '1970-01-01' AS day, start_ms, end_ms FROM special_hours
     WHERE starts_with(store_id, $1)`,
    [prefix],
  );
  return rows.map((r) => `${r.store_id}|${r.day}|${r.start_ms}|${r.end_ms}`).sort();
}

/** A drawn special-days file, hostile rows among good ones, and what its good rows alone make. */
export interface SpecialCase {
  rows: SpecialRow[];
  /** The file as drawn, and the [line, reason] of each reject it must give. */
  hostile: { bytes: Buffer; expectedRejects: Array<[number, string]> };
  /** The same file with its good rows only: same line ends, same byte-order mark. */
  goodOnly: Buffer;
  /** The rows a reader must count in the hostile file. */
  read: number;
}

/**
 * Draws a special-days file of 1 to `maxRows` rows, each good (store ids under `prefix`) or bad,
 * with LF or CRLF line ends, a byte-order mark or not, a last line end or not, and perhaps an
 * unclosed quote as its last row (only there can one be contained: it swallows what follows).
 */
export function drawSpecialCase(gen: fc.GeneratorValue, prefix: string, maxRows: number): SpecialCase {
  const kinds = gen(() => fc.array(fc.boolean(), { minLength: 1, maxLength: maxRows }));
  const quoteErrors = gen(fc.boolean);
  const unclosedLast = gen(fc.boolean);
  const opts = { eol: gen(fc.constantFrom, '\n', '\r\n'), bom: gen(fc.boolean), finalEol: gen(fc.boolean) };
  const rows = kinds.map((good, i) =>
    good ? gen(goodSpecialRow, prefix, !quoteErrors) : gen(badSpecialRow, `${prefix}b${i}`, quoteErrors),
  );
  return {
    rows,
    hostile: specialFile(rows, { ...opts, unclosedLast }),
    goodOnly: specialFile(
      rows.filter((r) => r.reason === undefined),
      opts,
    ).bytes,
    read: rows.length + (unclosedLast ? 1 : 0),
  };
}
