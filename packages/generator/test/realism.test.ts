import { DEFAULT_GENERATE_OPTIONS, writeDataset, ZONES, type GenerateOptions } from '../src';
import {
  clockSeconds,
  groupBy,
  INTEGER_ID,
  parseHours,
  parsePolls,
  parseZones,
  readLines,
  tempDir,
  TIMESTAMP,
  UUID_V4,
  type HoursRow,
  type PollRow,
} from './support/dataset-files';

const OPTIONS: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, stores: 300 };
const MINUTE = 60_000_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const temp = tempDir('realism');
let polls: PollRow[];
let hours: HoursRow[];
let zoned: Map<string, string>;
let pollsByStore: Map<string, PollRow[]>;
let hoursByStore: Map<string, HoursRow[]>;

beforeAll(async () => {
  const result = await writeDataset(temp.dir, OPTIONS);
  polls = parsePolls(readLines(result.files.polls));
  hours = parseHours(readLines(result.files.hours));
  zoned = new Map(parseZones(readLines(result.files.timeZones)).map((row) => [row.storeId, row.timeZone]));
  pollsByStore = groupBy(polls, (poll) => poll.storeId);
  for (const storePolls of pollsByStore.values()) storePolls.sort((a, b) => a.micros - b.micros);
  hoursByStore = groupBy(hours, (row) => row.storeId);
});
afterAll(() => temp.remove());

const storeIds = () => [...pollsByStore.keys()];
const isWholeDay = (row: HoursRow) =>
  row.start === row.end || (clockSeconds(row.start) === 0 && clockSeconds(row.end) >= 86340);
const crossesMidnight = (row: HoursRow) => clockSeconds(row.end) < clockSeconds(row.start);

describe('stores', () => {
  it('polls for all 300 stores', () => {
    expect(pollsByStore.size).toBe(300);
  });

  it('mixes 64-bit integer ids and UUIDs', () => {
    const integers = storeIds().filter((id) => INTEGER_ID.test(id));
    const uuids = storeIds().filter((id) => UUID_V4.test(id));
    expect(integers.length + uuids.length).toBe(300);
    expect(integers.length).toBeGreaterThan(50);
    expect(uuids.length).toBeGreaterThan(50);
    for (const id of integers) expect(BigInt(id) < 2n ** 63n).toBe(true);
  });
});

describe('time zones', () => {
  it('uses every listed zone, most stores in the US', () => {
    expect(new Set(zoned.values())).toEqual(new Set(ZONES));
    expect(ZONES).toHaveLength(16);
    const american = [...zoned.values()].filter((zone) => zone.startsWith('America/') && zone !== 'America/Santiago');
    expect(american.length / zoned.size).toBeGreaterThan(0.6);
  });

  it('leaves a few stores without a zone row', () => {
    const missing = storeIds().filter((id) => !zoned.has(id));
    expect(missing.length).toBeGreaterThanOrEqual(3);
    expect(missing.length).toBeLessThan(30);
  });
});

describe('business hours', () => {
  it('leaves a few stores without any rows (open 24x7)', () => {
    const none = storeIds().filter((id) => !hoursByStore.has(id));
    expect(none.length).toBeGreaterThanOrEqual(3);
    expect(none.length).toBeLessThan(40);
  });

  it('has split shifts: two to four intervals on a day, never more', () => {
    const perDay = [...groupBy(hours, (row) => `${row.storeId}/${row.day}`).values()].map((rows) => rows.length);
    expect(perDay.filter((count) => count >= 2).length).toBeGreaterThan(50);
    expect(perDay.some((count) => count === 3)).toBe(true);
    expect(perDay.some((count) => count === 4)).toBe(true);
    expect(Math.max(...perDay)).toBe(4);
  });

  it('writes overnight spans as one row crossing midnight', () => {
    const overnight = hours.filter((row) => row.start !== row.end && crossesMidnight(row));
    expect(overnight.length).toBeGreaterThan(20);
    expect(overnight.some((row) => row.start === '22:00:00' || clockSeconds(row.start) >= 20 * 3600)).toBe(true);
  });

  it('writes overnight spans split at midnight over two weekdays', () => {
    const splitStores = [...hoursByStore.values()].filter((rows) =>
      rows.some(
        (evening) =>
          evening.end === '23:59:59' &&
          clockSeconds(evening.start) >= 16 * 3600 &&
          rows.some(
            (morning) =>
              +morning.day === (+evening.day + 1) % 7 && morning.start === '00:00:00' && !isWholeDay(morning),
          ),
      ),
    );
    expect(splitStores.length).toBeGreaterThan(5);
  });

  it('writes whole days in every notation: 23:59:59, HH:MM 23:59, 23:59:00, and start equal to end', () => {
    const notations = new Set(hours.filter(isWholeDay).map((row) => `${row.start},${row.end}`));
    for (const notation of ['00:00:00,23:59:59', '00:00,23:59', '00:00:00,23:59:00', '00:00:00,00:00:00']) {
      expect(notations).toContain(notation);
    }
  });

  it('closes some stores on some weekdays', () => {
    const partWeek = [...hoursByStore.values()].filter((rows) => new Set(rows.map((row) => row.day)).size < 7);
    expect(partWeek.length).toBeGreaterThan(10);
  });

  it('has intervals as short as ten minutes, none shorter', () => {
    const lengths = hours
      .filter((row) => row.start !== row.end && !crossesMidnight(row))
      .map((row) => clockSeconds(row.end) - clockSeconds(row.start));
    expect(Math.min(...lengths)).toBe(600);
  });

  it('writes times as HH:MM:SS mostly, some HH:MM', () => {
    const short = hours.filter((row) => row.start.length === 5);
    expect(short.length).toBeGreaterThan(0);
    expect(short.length / hours.length).toBeLessThan(0.35);
    expect(hours.filter((row) => row.start.length !== row.end.length)).toEqual([]);
  });

  it('lists some stores’ days out of order, like the real files', () => {
    const unordered = [...hoursByStore.values()].filter((rows) =>
      rows.some((row, i) => i > 0 && +row.day < +rows[i - 1].day),
    );
    expect(unordered.length).toBeGreaterThan(50);
  });
});

describe('polls', () => {
  it('polls about hourly, each store at its own phase', () => {
    const gaps = [...pollsByStore.values()].flatMap((storePolls) =>
      storePolls.slice(1).map((poll, i) => poll.micros - storePolls[i].micros),
    );
    const sorted = [...gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    expect(Math.abs(median - HOUR)).toBeLessThan(2 * MINUTE);
    const phases = new Set(
      [...pollsByStore.values()].map((storePolls) => Math.floor((storePolls[0].micros % HOUR) / (5 * MINUTE))),
    );
    expect(phases.size).toBe(12);
  });

  it('misses a poll now and then, and now and then polls twice close together', () => {
    const gaps = [...pollsByStore.values()].flatMap((storePolls) =>
      storePolls.slice(1).map((poll, i) => poll.micros - storePolls[i].micros),
    );
    expect(gaps.filter((gap) => gap > 100 * MINUTE).length).toBeGreaterThan(50);
    expect(gaps.filter((gap) => gap < 10 * MINUTE).length).toBeGreaterThan(50);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(4 * 1_000_000);
  });

  it('makes outages runs, not coin flips: inactive runs average more than 1.5 polls', () => {
    const runs: number[] = [];
    for (const storePolls of pollsByStore.values()) {
      let run = 0;
      for (const poll of storePolls) {
        if (poll.status === 'inactive') run++;
        else if (run > 0) {
          runs.push(run);
          run = 0;
        }
      }
      if (run > 0) runs.push(run);
    }
    const mean = runs.reduce((sum, run) => sum + run, 0) / runs.length;
    expect(runs.length).toBeGreaterThan(100);
    expect(mean).toBeGreaterThan(1.5);
  });

  it('keeps most stores very reliable, some flaky, a few mostly down', () => {
    const activeShare = [...pollsByStore.values()].map(
      (storePolls) => storePolls.filter((poll) => poll.status === 'active').length / storePolls.length,
    );
    const reliable = activeShare.filter((share) => share >= 0.9).length;
    const flaky = activeShare.filter((share) => share >= 0.4 && share < 0.9).length;
    const mostlyDown = activeShare.filter((share) => share < 0.4).length;
    expect(reliable / 300).toBeGreaterThan(0.65);
    expect(flaky).toBeGreaterThan(15);
    expect(mostlyDown).toBeGreaterThanOrEqual(5);
  });

  it('has stores that go silent a day or more before the end, and stores that start late', () => {
    const first = Math.min(...polls.map((poll) => poll.micros));
    const last = Math.max(...polls.map((poll) => poll.micros));
    const silent = [...pollsByStore.values()].filter(
      (storePolls) => storePolls[storePolls.length - 1].micros <= last - DAY,
    );
    const late = [...pollsByStore.values()].filter((storePolls) => storePolls[0].micros >= first + DAY);
    expect(silent.length).toBeGreaterThanOrEqual(5);
    expect(late.length).toBeGreaterThanOrEqual(5);
  });

  it('writes timestamps with every width of fraction from none to six digits', () => {
    const widths = new Set(polls.map((poll) => (TIMESTAMP.exec(poll.timestamp)?.[7] ?? '').length));
    expect([...widths].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('interleaves stores roughly in time order rather than grouping them', () => {
    expect(new Set(polls.slice(0, 300).map((poll) => poll.storeId)).size).toBeGreaterThan(250);
    let latest = -Infinity;
    let worstLag = 0;
    for (const poll of polls) {
      worstLag = Math.max(worstLag, latest - poll.micros);
      latest = Math.max(latest, poll.micros);
    }
    expect(worstLag).toBeLessThan(2 * HOUR);
  });

  it('covers both DST changes of the window: Europe 2024-03-31 and Australia 2024-04-07', () => {
    const first = Math.min(...polls.map((poll) => poll.micros));
    const last = Math.max(...polls.map((poll) => poll.micros));
    // Europe springs forward at 01:00 UTC; Sydney falls back at 16:00 UTC the day before its local date.
    expect(first).toBeLessThan(Date.parse('2024-03-31T01:00:00Z') * 1000 - 6 * HOUR);
    expect(last).toBeGreaterThan(Date.parse('2024-04-06T16:00:00Z') * 1000 + 6 * HOUR);
  });
});
