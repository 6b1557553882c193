import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readPolls, type Reject } from '../src';
import { PollBuffer } from '../src/poll-buffer';
import { StoreIdTable } from '../src/store-id-table';
import { POLL_LINES_WASM, PollLineScan } from '../src/poll-line-scan';
import { TempDir, collecting } from './support/temp-csv';

/**
 * The compiled scan (assembly/poll-lines.ts) must read exactly what the TypeScript path reads:
 * the same stores in the same order, the same instants and statuses, the same counts, and every
 * line it does not take left to TypeScript, which gives the same rejects with the same lines.
 */
let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

const HEADER = 'store_id,status,timestamp_utc';
const NOW = Date.UTC(2024, 0, 1);

async function readBoth(text: string | Buffer) {
  const path = dir.file('polls.csv', text);
  const read = async (compiledScan: boolean) => {
    const { rejects, onReject } = collecting();
    const result = await readPolls(path, { onReject, now: NOW, compiledScan });
    return { ...result, order: [...result.series.keys()], rejects };
  };
  return { compiled: await read(true), typescript: await read(false) };
}

function expectSame(compiled: Awaited<ReturnType<typeof readBoth>>['compiled'], typescript: typeof compiled) {
  expect(compiled.order).toEqual(typescript.order);
  expect(compiled.series).toEqual(typescript.series);
  expect([compiled.read, compiled.rejected, compiled.future]).toEqual([
    typescript.read,
    typescript.rejected,
    typescript.future,
  ]);
  expect(compiled.rejects).toEqual<Reject[]>(typescript.rejects);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Timestamps near and far from the export's form: every field at and past its range. */
const anyTimestamp = fc
  .record({
    year: fc.constantFrom(0, 1, 1969, 1970, 2000, 2023, 2024, 2099, 9999),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.constantFrom(0, 9, 23, 24),
    minute: fc.constantFrom(0, 59, 60),
    second: fc.constantFrom(0, 30, 59, 60),
    fraction: fc.constantFrom('', '.', '.5', '.50186', '.388884', '.1234567', '.00000x'),
    separator: fc.constantFrom(' ', ' ', ' ', 'T', 't'),
    zone: fc.constantFrom(' UTC', ' UTC', ' UTC', 'Z', '+05:30', ' utc', '', ' UTC ', ' UT'),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}${t.separator}${pad(t.hour, 2)}:${pad(t.minute, 2)}:` +
      `${pad(t.second, 2)}${t.fraction}${t.zone}`,
  );

/** Timestamps in the export's form, across leap days and the years' ends. */
const exportTimestamp = fc
  .record({
    year: fc.constantFrom(0, 1900, 1970, 2000, 2023, 2024, 9999),
    month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(2)),
    day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constantFrom(28, 29, 30, 31)),
    seconds: fc.integer({ min: 0, max: 86_399 }),
    fraction: fc.constantFrom('', '.5', '.50186', '.388884', '.000001', '.999999'),
  })
  .map(({ year, month, day, seconds, fraction }) => {
    const time = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${time}${fraction} UTC`;
  });

const timestamp = fc.oneof({ weight: 3, arbitrary: exportTimestamp }, { weight: 1, arbitrary: anyTimestamp });

/** Ids of every length class the scan treats apart (1 to 3 bytes, whole words, the 255 limit) and broken ones. */
const storeId = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('7', 'ab', 'xyz', 'abcd', 'store-7', '1481966498820158979', 's p') },
  { weight: 2, arbitrary: fc.integer({ min: 250, max: 256 }).map((length) => 'k'.repeat(length)) },
  { weight: 2, arbitrary: fc.constantFrom(' store-7', 'store-7 ', '\tab', 'störe', 'a\u0000b', '', 'a\rb') },
);

const line = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        storeId,
        fc.constantFrom('active', 'inactive', 'active', 'inactive', 'Active', ' active', 'open'),
        timestamp,
      )
      .map((fields) => fields.join(',')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', 'store-7,active', 'store-7,active,2023-01-18 18:19:18 UTC,x', ',,') },
);

describe('the compiled scan and the TypeScript path', () => {
  it('read any file alike: polls, store order, counts and rejects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { maxLength: 60 }),
        fc.boolean(),
        async (lines, lastBreak) => {
          const body = lines.map(([text, end], i) => (i < lines.length - 1 || lastBreak ? text + end : text));
          const { compiled, typescript } = await readBoth(`${HEADER}\n${body.join('')}`);
          expectSame(compiled, typescript);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('read alike across chunks, with ids first seen on lines the scan leaves to TypeScript', async () => {
    // 30,000 lines (about 1.3 MB, many 64 KiB chunks); every 97th line pads its id with spaces,
    // which TypeScript trims: the same store the scan then meets bare.
    const rows = Array.from({ length: 30_000 }, (_, i) => {
      const id = `store-${(i * 7_919) % 3_001}`;
      const at = new Date(Date.UTC(2023, 0, 18) + i * 17_001).toISOString().replace('T', ' ').replace('Z', '');
      return `${i % 97 === 0 ? ` ${id} ` : id},${i % 3 === 0 ? 'inactive' : 'active'},${at}${i % 5 === 0 ? '' : '1'} UTC`;
    });
    const { compiled, typescript } = await readBoth(`${HEADER}\n${rows.join('\n')}\n`);
    expectSame(compiled, typescript);
    expect(compiled.series.size).toBe(3_001);
    expect(compiled.read).toBe(30_000);
  });

  it('read alike with more ids than its first table and arena hold', async () => {
    // 40,000 ids of up to 255 bytes: the id table is rehashed several times and its arena (and so
    // the module's memory) grows well past its first 64 KiB.
    const rows = Array.from({ length: 40_000 }, (_, i) => {
      const id = `${i}-${'z'.repeat(100 + (i % 150))}`;
      return `${id},active,2023-01-18 18:${pad(i % 60, 2)}:00 UTC\n${id},inactive,2023-01-18 19:00:00.5 UTC`;
    });
    const { compiled, typescript } = await readBoth(`${HEADER}\n${rows.join('\n')}\n`);
    expectSame(compiled, typescript);
    expect(compiled.series.size).toBe(40_000);
    expect(compiled.series.get(`39999-${'z'.repeat(100 + (39_999 % 150))}`)).toEqual({
      at: Float64Array.from([Date.UTC(2023, 0, 18, 18, 39), Date.UTC(2023, 0, 18, 19, 0, 0, 500)]),
      active: Uint8Array.from([1, 0]),
    });
  });
});

describe("the sort of each store's polls", () => {
  const stamp = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} UTC`;

  it("is the engine's: out of order, instants repeated, the later row of two kept", async () => {
    // 20,000 polls of 40 stores in a seeded random order, on 600 instants: many repeats per store.
    let seed = 14;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const rows = Array.from({ length: 20_000 }, () => {
      const at = Date.UTC(2023, 0, 18) + Math.floor(random() * 600) * 60_000 + (random() < 0.5 ? 0.5 : 0);
      return `store-${Math.floor(random() * 40)},${random() < 0.5 ? 'active' : 'inactive'},${stamp(at)}`;
    });
    const { compiled, typescript } = await readBoth(`${HEADER}\n${rows.join('\n')}\n`);
    expectSame(compiled, typescript);
    for (const { at } of compiled.series.values()) {
      for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1]);
    }
  });

  it("is the engine's where spreading by instant does not help (a merge sort finishes)", async () => {
    // One poll decades early puts the other 3,000, in reverse order, in the last few slots;
    // each of their instants twice, so which row wins depends on the merges keeping file order.
    const late = Array.from(
      { length: 3_000 },
      (_, i) => `s,${i % 2 ? 'active' : 'inactive'},${stamp(Date.UTC(2023, 0, 18) - Math.floor(i / 2) * 1_000)}`,
    );
    const text = `${HEADER}\ns,active,1990-01-01 00:00:00 UTC\n${late.join('\n')}\ns,active,2023-01-17 23:10:00 UTC\n`;
    const { compiled, typescript } = await readBoth(text);
    expectSame(compiled, typescript);
    expect(compiled.series.get('s')?.at.length).toBe(1_502);
  });

  it('keeps the series views valid: written, sorted and read back in small files too', async () => {
    const { compiled } = await readBoth(
      `${HEADER}\nb,active,2023-01-18 10:00:00 UTC\na,inactive,2023-01-18 09:00:00 UTC\nb,inactive,2023-01-18 09:00:00 UTC\nb,active,2023-01-18 09:00:00 UTC\n`,
    );
    expect(compiled.order).toEqual(['b', 'a']);
    expect(compiled.series.get('b')).toEqual({
      at: Float64Array.from([Date.UTC(2023, 0, 18, 9), Date.UTC(2023, 0, 18, 10)]),
      active: Uint8Array.from([1, 1]),
    });
  });
});

describe('PollLineScan', () => {
  const stamp = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
  const withScan = () => {
    const ids = new StoreIdTable();
    const scan = new PollLineScan(ids, NOW);
    return { scan, polls: new PollBuffer(ids, scan) };
  };

  it('takes a long run of lines in one call, and hands each store its polls in time order', () => {
    // 70,000 lines (about 2.5 MB): the module's log outgrows its first block and its memory.
    const lines = Array.from(
      { length: 70_000 },
      (_, i) => `s${i % 10},active,${stamp(Date.UTC(2023, 0, 18) - i * 1_000)}\n`,
    );
    const { scan, polls } = withScan();
    let taken = 0;
    for (let from = 0; from < lines.length; from += 5_000) {
      const bytes = Buffer.from(lines.slice(from, from + 5_000).join(''));
      expect(scan.load(bytes, 0, bytes.length)).toBe(true);
      taken += scan.take(0);
      expect(scan.end).toBe(bytes.length);
    }
    expect(taken).toBe(70_000);
    const series = polls.toSeries();
    expect([...series.keys()]).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']);
    const expected = Array.from({ length: 7_000 }, (_, k) => Date.UTC(2023, 0, 18) - (69_993 - 10 * k) * 1_000);
    expect(series.get('s3')?.at).toEqual(Float64Array.from(expected));
  });

  it('numbers the new ids it meets, more than one scan lists, in order of first appearance', () => {
    // 6,000 stores in one run of lines: past the 4,096 new ids one scan call lists.
    const lines = Array.from(
      { length: 6_000 },
      (_, i) => `id-${5_999 - i},active,${stamp(Date.UTC(2023, 0, 18) + i)}\n`,
    );
    const bytes = Buffer.from(lines.join(''));
    const ids = new StoreIdTable();
    const scan = new PollLineScan(ids, NOW);
    const polls = new PollBuffer(ids, scan);
    scan.load(bytes, 0, bytes.length);
    expect(scan.take(0)).toBe(6_000);
    const series = polls.toSeries();
    expect([...series.keys()]).toEqual(Array.from({ length: 6_000 }, (_, i) => `id-${5_999 - i}`));
    expect(series.get('id-0')?.at).toEqual(Float64Array.from([Date.UTC(2023, 0, 18) + 5_999]));
  });

  it('stops at the first line it does not take, and refuses more bytes than it holds', () => {
    const bytes = Buffer.from(
      's1,active,2023-01-18 18:19:18 UTC\ns2,active,2023-01-18T18:19:18Z\ns1,inactive,2023-01-18 18:20:00 UTC\n',
    );
    const { scan } = withScan();
    scan.load(bytes, 0, bytes.length);
    expect(scan.take(0)).toBe(1);
    expect(scan.end).toBe(bytes.indexOf('s2'));
    expect(scan.take(bytes.indexOf('s1,inactive'))).toBe(1);
    expect(scan.end).toBe(bytes.length);
    expect(scan.load(Buffer.alloc(300 * 1024, 10), 0, 300 * 1024)).toBe(false);
  });
});

describe('the committed module', () => {
  it('is what its source compiles to', () => {
    const out = join(dir.path, 'poll-lines.wasm');
    const build = spawnSync(process.execPath, [join(__dirname, '..', 'build-wasm.mjs'), out], { encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    // If this fails after a change to assembly/poll-lines.ts: npm run build:wasm, and commit both.
    expect(readFileSync(out).equals(readFileSync(POLL_LINES_WASM))).toBe(true);
  }, 60_000);
});
