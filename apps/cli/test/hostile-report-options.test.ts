import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'papaparse';
import { formatDuration, MAX_GAP_FORMS } from '@store-monitor/csv';
import { drawSpecialCase, readerKeeps, storedSpecialDays } from '../../../packages/csv/test/support/special-rows';
import { expectedMaxGapMs, maxGapText } from '../../../packages/csv/test/support/max-gap-texts';
import { useTestDatabase } from '@store-monitor/test-support';
import { parseMaxGapOption } from '../src/commands/report';
import { UsageError } from '../src/parse-args';
import { fixtureDir, runCli } from './run-cli';

/**
 * `store-monitor report`'s two new inputs from a user: `--special-hours FILE` with hostile rows, and
 * `--max-gap` with any text. A bad special row is listed with its file, line and reason and the
 * report is the one its good rows alone give; a bad max gap is a usage error naming the option and
 * the text, and a good one means exactly the duration it spells.
 */

// Stores s1 (New York, 09:00-17:00 daily), s2 (24x7, Chicago), s3 (Kolkata, 22:00-02:00) and p (no
// special rows), polled every 50 minutes from 2024-12-21 to 2024-12-26 with a changing status, so
// that special days on 2024-12-24 and 25 move time between up and down.
const START = Date.UTC(2024, 11, 21);
const polls = ['store_id,status,timestamp_utc'];
for (let at = START, i = 0; at < START + 6 * 86_400_000; at += 50 * 60_000, i++) {
  for (const [k, store] of ['s1', 's2', 's3', 'p'].entries()) {
    polls.push(`${store},${(i + k) % 7 < 4 ? 'active' : 'inactive'},${new Date(at).toISOString()}`);
  }
}
const DATA = {
  'store_status.csv': `${polls.join('\n')}\n`,
  'menu_hours.csv': [
    'store_id,day,start_time_local,end_time_local',
    ...[0, 1, 2, 3, 4, 5, 6].flatMap((d) => [`s1,${d},09:00,17:00`, `s3,${d},22:00,02:00`, `p,${d},08:00,20:00`]),
    '',
  ].join('\n'),
  'timezones.csv': 'store_id,timezone_str\ns1,America/New_York\ns2,America/Chicago\ns3,Asia/Kolkata\n',
};
const dir = fixtureDir(DATA);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function report(special: string | undefined, extra: string[] = []) {
  const files = ['--polls', 'store_status.csv', '--hours', 'menu_hours.csv', '--timezones', 'timezones.csv'];
  const args = [...files.map((a, i) => (i % 2 === 1 ? join(dir, a) : a)), ...extra];
  return runCli(['report', ...args, ...(special === undefined ? [] : ['--special-hours', special])]);
}

describe('report --special-hours with hostile rows', () => {
  it('reports what the good rows alone give; lists every bad row with file, line and reason', () => {
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const { hostile, goodOnly, read } = drawSpecialCase(gen, '', 30);
        const hostilePath = join(dir, 'hostile.csv');
        const goodPath = join(dir, 'good.csv');
        const rejectsPath = join(dir, 'rejects.csv');
        writeFileSync(hostilePath, hostile.bytes);
        writeFileSync(goodPath, goodOnly);
        const got = report(hostilePath, ['--rejects', rejectsPath]);
        const want = report(goodPath);
        expect([got.status, want.status]).toEqual([0, 0]);
        expect(got.stdout).toBe(want.stdout);
        // Special rows of stores without polls (most suffixes make a store of their own) add none.
        const stores = got.stdout.split('\n').slice(1, -1);
        expect(stores.map((line) => line.split(',')[0])).toEqual(['p', 's1', 's2', 's3']);
        const listed = parse<string[]>(readFileSync(rejectsPath, 'utf8'), { skipEmptyLines: true }).data.slice(1);
        expect(listed.map(([file, line, reason]) => [file, Number(line), reason])).toEqual(
          hostile.expectedRejects.map(([line, reason]) => [hostilePath, line, reason]),
        );
        expect(got.stderr).toContain(
          `special days read: ${read}, rows rejected: ${hostile.expectedRejects.length}, now: `,
        );
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 120_000);

  it('the stores and dates the drawn rows use are ones where a special day changes the report', () => {
    // So that "the same report as the good rows alone" is not vacuous: a closed Christmas moves time.
    const path = join(dir, 'closed.csv');
    writeFileSync(path, 'store_id,date,start_time_local,end_time_local\ns2,2024-12-25,,\ns1,2024-12-24,10:00,11:00\n');
    expect(report(path).stdout).not.toBe(report(undefined).stdout);
  });
});

describe('ingest --special-hours with hostile rows', () => {
  const { url, db } = useTestDatabase();

  it('stores exactly what the reader keeps of the good rows alone, and lists each bad row', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (gen) => {
        const prefix = `in${++run}-`;
        const { hostile, goodOnly, read } = drawSpecialCase(gen, prefix, 30);
        const path = join(dir, 'ingest.csv');
        writeFileSync(path, hostile.bytes);
        const result = runCli(['ingest', '--special-hours', path], { DATABASE_URL: url });
        const expected = await readerKeeps(goodOnly);
        expect(result.status).toBe(0);
        expect(result.stderr).toContain(
          `special hours ${path}: read ${read}, inserted ${expected.kept.length}, updated 0, duplicates 0, rejected ${hostile.expectedRejects.length}`,
        );
        expect(await storedSpecialDays((sql, values) => db.pool.query(sql, values), prefix)).toEqual(expected.kept);
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 120_000);
});

describe('report --max-gap', () => {
  it('any text: exactly the duration it spells, or a usage error naming the option and the text', () => {
    fc.assert(
      fc.property(maxGapText, (text) => {
        const ms = expectedMaxGapMs(text);
        if (ms !== undefined) {
          expect(parseMaxGapOption(text)).toBe(ms);
          return;
        }
        expect(() => parseMaxGapOption(text)).toThrow(
          new UsageError(`--max-gap must be ${MAX_GAP_FORMS}, got "${text}"`),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['0s'],
    ['-1h'],
    ['1.5h'],
    ['90'],
    ['2H'],
    ['pt2h'],
    ['P1M'],
    ['NaN'],
    ['Infinity'],
    ['999999999w'],
    ['\uff12h'],
    ['30m1h'],
  ])('--max-gap=%s: exit 2, the option and the text named, nothing on stdout', (text) => {
    const result = report(undefined, [`--max-gap=${text}`]);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `store-monitor report: --max-gap must be ${MAX_GAP_FORMS}, got "${text}"\nrun "store-monitor report --help" for usage\n`,
    });
  });

  it.each([['--max-gap'], ['--max-gap=']])('%s with no value: exit 2, said so', (arg) => {
    expect(report(undefined, [arg])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'store-monitor report: --max-gap needs a value\nrun "store-monitor report --help" for usage\n',
    });
  });

  it.each([
    [' PT120M ', '2h'],
    ['7200s', '2h'],
    ['1h60m', '2h'],
    ['P0DT2H', '2h'],
  ])('--max-gap %j is the report of --max-gap %s', (text, same) => {
    const got = report(undefined, ['--max-gap', text]);
    const want = report(undefined, ['--max-gap', same]);
    expect(got.status).toBe(0);
    expect(got.stdout).toBe(want.stdout);
    expect(got.stderr).toContain(`max gap: ${formatDuration(7_200_000)},`);
  });
});
