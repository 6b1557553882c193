// The benchmark's shuffled polls file: header first, every row once, the same order on every run.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureShuffledPolls, seededRandom } from '../src/bench/shuffled-polls';

const HEADER = 'store_id,status,timestamp_utc';
const ROWS = Array.from({ length: 8 }, (_, i) => `s${i % 3},active,2023-01-0${i + 1} 00:00:00 UTC`);
/** Seed 14's order of ROWS (1-based): 6 7 5 1 2 8 3 4. */
const SHUFFLED = [6, 7, 5, 1, 2, 8, 3, 4].map((line) => ROWS[line - 1]);

const base = mkdtempSync(join(tmpdir(), 'store-monitor-shuffle-'));
let notes: string[] = [];

beforeEach(() => {
  notes = [];
  jest.spyOn(process.stderr, 'write').mockImplementation((text) => notes.push(String(text)) > 0);
});
afterEach(() => jest.restoreAllMocks());

describe('the shuffled polls file', () => {
  it('holds the header, then every row once in the seeded order, and is made once', () => {
    const ordered = join(base, 'ordered.csv');
    const shuffled = join(base, 'shuffled.csv');
    writeFileSync(ordered, `${[HEADER, ...ROWS].join('\n')}\n`);
    ensureShuffledPolls(ordered, shuffled);
    expect(readFileSync(shuffled, 'utf8')).toBe(`${[HEADER, ...SHUFFLED].join('\n')}\n`);
    expect(notes).toEqual(['shuffling the polls file (seed 14; once, cached) ...\n']);

    // Cached: an existing file is left as it is.
    writeFileSync(shuffled, 'kept\n');
    ensureShuffledPolls(ordered, shuffled);
    expect(readFileSync(shuffled, 'utf8')).toBe('kept\n');
    expect(notes).toHaveLength(1);
  });

  it('ends the last row with a newline where the ordered file has none', () => {
    const ordered = join(base, 'no-final-newline.csv');
    const shuffled = join(base, 'no-final-newline-shuffled.csv');
    writeFileSync(ordered, [HEADER, ...ROWS].join('\n'));
    ensureShuffledPolls(ordered, shuffled);
    expect(readFileSync(shuffled, 'utf8')).toBe(`${[HEADER, ...SHUFFLED].join('\n')}\n`);
  });

  it('makes an empty file of an empty one, and keeps a header without rows', () => {
    for (const [name, text, want] of [
      ['empty', '', ''],
      ['header-only', HEADER, `${HEADER}\n`],
    ]) {
      writeFileSync(join(base, `${name}.csv`), text);
      ensureShuffledPolls(join(base, `${name}.csv`), join(base, `${name}-shuffled.csv`));
      expect(readFileSync(join(base, `${name}-shuffled.csv`), 'utf8')).toBe(want);
    }
  });

  it('draws the same numbers from the same seed (mulberry32)', () => {
    const random = seededRandom(14);
    expect([random(), random(), random()]).toEqual([0.447958143427968, 0.4258096602279693, 0.5107000032439828]);
  });
});
