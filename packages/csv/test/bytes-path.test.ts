import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { readHours, readPolls, readTimeZones, type Reject } from '../src';
import { readCsv } from '../src/csv-file';
import { CsvRows } from '../src/csv-rows';
import type { RowSink } from '../src/row-sink';
import { TempDir, collecting } from './support/temp-csv';

/**
 * The polls reader parses quote-free lines from bytes (CsvBytes, PollsSink.lineBytes) and every
 * other line as text (papaparse and `row`). Whatever a line holds, both paths must agree: the
 * same polls, the same rejects with the same reasons and lines.
 */
let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

const HEADER = 'store_id,status,timestamp_utc';

const piece = fc.constantFrom(
  '1481966498820158979',
  'store-7',
  ' store-7',
  'store-7 ',
  'störe-é',
  '店',
  '\u00a0s',
  'a\u0000b',
  '',
  'x'.repeat(256),
  'active',
  'inactive',
  'Active',
  ' active',
  'inactive\r',
  'unknown',
  '2023-01-18 18:19:18.50186 UTC',
  '2023-01-18 18:19:18 UTC',
  '2023-01-18T18:19:18Z',
  '2023-01-18T18:19:18.1+05:30',
  '2023-02-29 00:00:00 UTC',
  '2023-01-18 18:19:18.1234567 UTC',
  '2099-01-01 00:00:00 UTC',
  '2023-01-18 18:19:1８ UTC',
  '2023-01-18 18:19:18 UTC\r',
);
/** A line's fields: usually three, sometimes two or four. */
const fields = fc.array(piece, { minLength: 2, maxLength: 4 });

/**
 * The same fields as a quote-free line (the bytes path) and with every field quoted (the text path:
 * a quote char sends its line to papaparse and `row`, which read the same values out of quotes).
 */
const bothForms = (lines: string[][]) => ({
  plain: lines.map((line) => line.join(',')),
  quoted: lines.map((line) => line.map((field) => `"${field}"`).join(',')),
});

/** Rejects as both paths give them: the raw line differs (quoted or not), the rest must not. */
const withoutRaw = (rejects: Reject[]) => rejects.map(({ raw: _raw, ...rest }) => rest);

async function read(lines: string[], header = HEADER) {
  const { rejects, onReject } = collecting();
  const path = dir.file('polls.csv', `${[header, ...lines].join('\n')}\n`);
  const result = await readPolls(path, { onReject, now: Date.UTC(2024, 0, 1) });
  return { ...result, rejects };
}

describe('the bytes path and the text path', () => {
  // In the export's column order lines take PollsSink.lineAt; in another, lineBytes.
  it.each([HEADER, 'timestamp_utc,store_id,status'])('read any line alike under %s', async (header) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { maxLength: 40 }), async (lines) => {
        const { plain, quoted } = bothForms(lines);
        const bytes = await read(plain, header);
        const text = await read(quoted, header);
        expect(text.series).toEqual(bytes.series);
        expect([text.read, text.rejected, text.future]).toEqual([bytes.read, bytes.rejected, bytes.future]);
        expect(withoutRaw(text.rejects)).toEqual(withoutRaw(bytes.rejects));
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});

const HOURS_HEADER = 'store_id,day,start_time_local,end_time_local';

const hoursPiece = fc.constantFrom(
  '1481966498820158979',
  'store-7',
  ' store-7',
  'störe-é',
  '',
  '0',
  '6',
  '7',
  '03',
  ' 3',
  '09:00',
  '09:00:00',
  '24:00',
  '23:59:59.999999',
  '9:00',
  '25:00',
  '17:30\r',
  '00:00:00.1234567',
);
const hoursFields = fc.array(hoursPiece, { minLength: 3, maxLength: 5 });

/** What a reader kept from a file (comparable with toEqual), its counts and its rejects. */
interface ReadBack {
  kept: unknown;
  read: number;
  rejected: number;
  rejects: Reject[];
}

/** Lines of random fields, read as plain lines and all quoted: the same result both ways. */
async function expectBothPathsAlike(fields: fc.Arbitrary<string[]>, readLines: (lines: string[]) => Promise<ReadBack>) {
  await fc.assert(
    fc.asyncProperty(fc.array(fields, { maxLength: 40 }), async (lines) => {
      const { plain, quoted } = bothForms(lines);
      const bytes = await readLines(plain);
      const text = await readLines(quoted);
      expect(text.kept).toEqual(bytes.kept);
      expect([text.read, text.rejected]).toEqual([bytes.read, bytes.rejected]);
      expect(withoutRaw(text.rejects)).toEqual(withoutRaw(bytes.rejects));
    }),
    { numRuns: 300, seed: 14 },
  );
}

describe('the business-hours reader on both paths', () => {
  it('reads any line alike', async () => {
    await expectBothPathsAlike(hoursFields, async (lines) => {
      const { rejects, onReject } = collecting();
      const path = dir.file('hours.csv', `${[HOURS_HEADER, ...lines].join('\n')}\n`);
      const { hours, read, rejected } = await readHours(path, { onReject });
      return { kept: hours, read, rejected, rejects };
    });
  });
});

const ZONES_HEADER = 'store_id,timezone_str';

const zonesPiece = fc.constantFrom(
  '1481966498820158979',
  'store-7',
  'store-7 ',
  'störe-é',
  'a\u0000b',
  '',
  'America/Chicago',
  'Asia/Kolkata',
  ' Asia/Kolkata',
  'Asia/Kolkata\r',
  'america/chicago',
  'Mars/Olympus',
  '+05:30',
  'UTC',
  'Europe/Berlin ',
);
const zonesFields = fc.array(zonesPiece, { minLength: 1, maxLength: 3 });

describe('the time-zones reader on both paths', () => {
  it('reads any line alike, a later row for a store replacing an earlier one', async () => {
    await expectBothPathsAlike(zonesFields, async (lines) => {
      const { rejects, onReject } = collecting();
      const path = dir.file('zones.csv', `${[ZONES_HEADER, ...lines].join('\n')}\n`);
      const { timeZones, read, rejected } = await readTimeZones(path, { onReject });
      // As entries: the map's order is the order stores first appear.
      return { kept: [...timeZones], read, rejected, rejects };
    });
  });
});

/** Records what reaches a sink: rows by either path, as strings, with their order. */
class RecordingSink implements RowSink {
  readonly rows: string[] = [];
  lineBytes?: (bytes: Uint8Array, bounds: Int32Array) => boolean;

  constructor(withBytes: boolean) {
    if (!withBytes) return;
    // Takes every line whose first field is not "no": the others go to `row` as text.
    this.lineBytes = (bytes, bounds) => {
      const fields = Array.from({ length: 3 }, (_, i) =>
        Buffer.from(bytes.subarray(bounds[i], bounds[i + 1] - 1)).toString('utf8'),
      );
      if (fields[0] === 'no') return false;
      this.rows.push(fields.join('|'));
      return true;
    };
  }

  header(): string | null {
    return null;
  }

  row(fields: readonly string[]): string | null {
    // A CRLF line's CR ends its last field here (readers trim it); lineBytes is given it excluded.
    this.rows.push(fields.join('|').replace(/\r$/, ''));
    return null;
  }
}

describe('CsvBytes', () => {
  const cell = fc.constantFrom('a', 'no', 'é🙂', '', ' ', 'x'.repeat(70), '\r');
  const row = fc.array(cell, { minLength: 3, maxLength: 3 }).map((cells) => cells.join(','));

  it('hands a stream in any pieces to the sink exactly as the whole file, across many chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 1, max: 70_000 }),
        async (rows, pieceSize) => {
          const text = `a,b,c\n${rows.join('\n')}`;
          const path = dir.file('rows.csv', text);
          const whole = new RecordingSink(true);
          const wholeCounts = await readCsv(path, 'rows', whole);
          const oracle = new RecordingSink(false);
          const oracleCounts = await readCsv(path, 'rows', oracle);
          const bytes = Buffer.from(text);
          const pieces = async function* () {
            for (let at = 0; at < bytes.length; at += pieceSize) yield bytes.subarray(at, at + pieceSize);
          };
          const streamed = new RecordingSink(true);
          const streamCounts = await readCsv({ name: 'rows', bytes: pieces() }, 'rows', streamed);
          expect(whole.rows).toEqual(oracle.rows);
          expect(streamed.rows).toEqual(oracle.rows);
          expect(wholeCounts).toEqual(oracleCounts);
          expect(streamCounts).toEqual(oracleCounts);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});

describe('a quote left open', () => {
  afterEach(() => jest.restoreAllMocks());

  // The text after an open quote waits in CsvRows until the quote closes or 1 MB has passed. Fed
  // to it line by line, every line made it parse all that text again: a file with a stray quote
  // read 60 times slower, the same rows out. Whole chunks go to it instead.
  it('sends the text after it to CsvRows a chunk at a time, not a line at a time', async () => {
    const feed = jest.spyOn(CsvRows.prototype, 'feed');
    const good = Array.from({ length: 30_000 }, (_, i) => `${i % 97},active,2023-01-18 18:19:18 UTC`);
    const path = dir.file('polls.csv', `${[HEADER, '"open,active,2023-01-18 18:19:18 UTC', ...good].join('\n')}\n`);
    const { rejects, onReject } = collecting();
    const result = await readPolls(path, { onReject, now: Date.UTC(2024, 0, 1) });
    const chunks = Math.ceil(readFileSync(path).length / 65_536);
    // A read lands after the carried start of a line, so it may reach CsvRows in two pieces.
    expect(feed.mock.calls.length).toBeLessThanOrEqual(2 * chunks + 3);
    expect([result.read, result.rejected, result.series.size]).toEqual([30_001, 1, 97]);
    expect(rejects[0]).toMatchObject({ line: 2, reason: 'a quoted field is never closed' });
  });
});
