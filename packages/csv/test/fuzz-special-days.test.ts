import fc from 'fast-check';
import { readSpecialHours } from '../src';
import { TempDir, collecting } from './support/temp-csv';
import { drawSpecialCase } from './support/special-rows';

/**
 * The special-days reader against hostile files: every bad row is rejected with its own line and
 * exact reason, and what is kept is exactly what the same reader keeps from a file holding only
 * the good rows (same bytes, same order). Comparing with the reader itself on the good rows means
 * the expectation never re-implements the parsing: it only has to know which rows are good.
 */
let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

async function readWithRejects(path: string) {
  const { rejects, onReject } = collecting();
  const read = await readSpecialHours(path, { onReject });
  return { ...read, rejects: rejects.map((r) => [r.line, r.reason]) };
}

describe('readSpecialHours: hostile rows among good ones', () => {
  it('rejects each bad row with its line and reason, and keeps what a file of only the good rows gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (gen) => {
        const { rows, hostile, goodOnly, read } = drawSpecialCase(gen, '', 40);
        const got = await readWithRejects(dir.file('hostile.csv', hostile.bytes));
        const want = await readWithRejects(dir.file('good.csv', goodOnly));
        expect(want.rejects).toEqual([]);
        expect(got.rejects).toEqual(hostile.expectedRejects);
        expect({ read: got.read, rejected: got.rejected }).toEqual({ read, rejected: hostile.expectedRejects.length });
        expect(want.read).toBe(rows.filter((r) => r.reason === undefined).length);
        expect([...got.specialHours.entries()]).toEqual([...want.specialHours.entries()]);
      }),
      { numRuns: 300, endOnFailure: true },
    );
  }, 120_000);

  it('a line over the length limit is one reject, with the rows around it kept', async () => {
    const header = 'store_id,date,start_time_local,end_time_local';
    const path = dir.file(
      'huge.csv',
      [
        header,
        'a,2024-12-24,09:00,13:00',
        `b,2024-12-25,09:00,${'9'.repeat(3 * 1024 * 1024)}`,
        'c,2024-12-26,,',
        `"d${'x'.repeat(2 * 1024 * 1024)}",2024-12-27,,`,
        'e,2024-12-28,22:00,02:00',
        '',
      ].join('\n'),
    );
    const got = await readWithRejects(path);
    expect(got.rejects).toEqual([
      [3, 'is longer than 1048576 characters'],
      [5, 'is longer than 1048576 characters'],
    ]);
    expect([...got.specialHours.keys()]).toEqual(['a', 'c', 'e']);
    expect({ read: got.read, rejected: got.rejected }).toEqual({ read: 5, rejected: 2 });
  });
});
