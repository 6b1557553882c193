import { readSpecialHours } from '@store-monitor/csv';
import { DAY_MS, DEFAULT_TIME_ZONE, type SpecialHoursRow, zoneClock } from '@store-monitor/engine';
import {
  DEFAULT_GENERATE_OPTIONS,
  easterSunday,
  formatDate,
  holidaysBetween,
  makeSpecialLines,
  makeStoreIds,
  makeZoneLines,
  pollWindow,
  type WriteResult,
  writeDataset,
} from '../src';
import { parseZones, readLines, tempDir } from './support/dataset-files';

const OPTIONS = DEFAULT_GENERATE_OPTIONS;
const HOUR_MS = 3_600_000;
const temp = tempDir('special');
let result: WriteResult;
let lines: string[];
let specialHours: Map<string, SpecialHoursRow[]>;
let zones: Map<string, string>;

beforeAll(async () => {
  result = await writeDataset(temp.dir, OPTIONS);
  lines = readLines(result.files.specialHours);
  const rejects: unknown[] = [];
  const read = await readSpecialHours(result.files.specialHours, { onReject: (reject) => rejects.push(reject) });
  expect(rejects).toEqual([]);
  expect(read).toMatchObject({ read: lines.length - 1, rejected: 0 });
  specialHours = read.specialHours;
  zones = new Map(parseZones(readLines(result.files.timeZones)).map((row) => [row.storeId, row.timeZone]));
});
afterAll(() => temp.remove());

const allRows = () => [...specialHours.values()].flat();
const closed = (row: SpecialHoursRow) => row.startMs === null && row.endMs === null;
const overnight = (row: SpecialHoursRow) => row.startMs !== null && row.endMs !== null && row.endMs < row.startMs;
const span = (row: SpecialHoursRow) => (row.endMs ?? 0) - (row.startMs ?? 0);

describe('special_hours.csv of the default data set', () => {
  it('has the contract header and reads with no rejects', () => {
    expect(lines[0]).toBe('store_id,date,start_time_local,end_time_local');
    expect(result.specialHoursRows).toBe(lines.length - 1);
    expect(allRows()).toHaveLength(result.specialHoursRows);
  });

  it('gives special days to exactly a tenth of the stores, grouped by store', () => {
    expect(specialHours.size).toBe(20);
    const order = lines.slice(1).map((line) => line.split(',')[0]);
    const firstSeen = [...new Set(order)];
    expect(order.filter((id, i) => i > 0 && id !== order[i - 1])).toHaveLength(firstSeen.length - 1);
  });

  it('holds closed days, short days and overnight spans', () => {
    expect(allRows().filter(closed).length).toBeGreaterThanOrEqual(5);
    const short = allRows().filter((row) => !closed(row) && !overnight(row) && span(row) <= 6 * HOUR_MS);
    expect(short.length).toBeGreaterThanOrEqual(5);
    const late = allRows().filter(overnight);
    expect(late.length).toBeGreaterThanOrEqual(2);
    for (const row of late) {
      expect(row.startMs).toBeGreaterThanOrEqual(17 * HOUR_MS);
      expect(row.endMs).toBeLessThanOrEqual(3 * HOUR_MS);
    }
  });

  it('keeps Easter 2024: closed on Easter Sunday, short on Easter Monday, for several stores', () => {
    const on = (date: string) => lines.slice(1).filter((line) => line.split(',')[1] === date);
    expect(on('2024-03-31').filter((line) => line.endsWith(',,')).length).toBeGreaterThanOrEqual(3);
    expect(on('2024-04-01').filter((line) => !line.endsWith(',,')).length).toBeGreaterThanOrEqual(2);
  });

  it('names only local dates that lie wholly inside the poll window, in the store’s zone', () => {
    const { startMicros, endMicros } = pollWindow(OPTIONS);
    for (const [storeId, rows] of specialHours) {
      const clock = zoneClock(zones.get(storeId) ?? DEFAULT_TIME_ZONE);
      for (const { date } of rows) {
        expect(clock.toInstant(date * DAY_MS)).toBeGreaterThan(startMicros / 1000);
        expect(clock.toInstant((date + 1) * DAY_MS)).toBeLessThan(endMicros / 1000);
      }
    }
  });
});

describe('makeSpecialLines', () => {
  const ids = makeStoreIds(60, 5);
  const zoneLines = makeZoneLines(ids, 5);
  const make = (specialDaysPercent: number) =>
    makeSpecialLines(ids, zoneLines, { ...OPTIONS, seed: 5, specialDaysPercent });
  const storesOf = (rows: { storeId: string }[]) => new Set(rows.map((row) => row.storeId)).size;

  it('gives special days to the share of stores asked for, rounded to whole stores', () => {
    expect(make(0)).toEqual([]);
    expect(storesOf(make(10))).toBe(6);
    expect(storesOf(make(25))).toBe(15);
    expect(storesOf(make(100))).toBe(60);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(make(50)).toEqual(make(50));
    const other = makeSpecialLines(ids, zoneLines, { ...OPTIONS, seed: 6, specialDaysPercent: 50 });
    expect(other).not.toEqual(make(50));
  });

  it('uses the dates a short window touches when it holds no whole local date', () => {
    // 2024-04-06 12:30 to 2024-04-07 00:30 UTC: one date or two in every zone, none whole.
    const rows = makeSpecialLines(ids, zoneLines, { ...OPTIONS, days: 0.5, specialDaysPercent: 100 });
    expect(storesOf(rows)).toBe(60);
    const dates = new Set(rows.map((row) => row.date));
    for (const date of dates) expect(['2024-04-06', '2024-04-07']).toContain(date);
  });

  it('keeps New Year’s Eve open overnight when the window holds it', () => {
    const end = Date.parse('2025-01-03T12:00:00Z');
    const rows = makeSpecialLines(ids, zoneLines, { ...OPTIONS, end, days: 7, specialDaysPercent: 100 });
    const eve = rows.filter((row) => row.date === '2024-12-31' && row.start > row.end && row.end !== '');
    expect(eve.length).toBeGreaterThanOrEqual(3);
  });
});

describe('holidays', () => {
  const day = (text: string) => Date.parse(`${text}T00:00:00Z`) / DAY_MS;

  it('finds Easter Sunday by the Gregorian computus', () => {
    expect(['2019', '2023', '2024', '2025', '2038'].map((year) => formatDate(easterSunday(+year)))).toEqual([
      '2019-04-21',
      '2023-04-09',
      '2024-03-31',
      '2025-04-20',
      '2038-04-25',
    ]);
  });

  it('lists the holidays of a span in date order, Thanksgiving on the fourth Thursday', () => {
    const names = (from: string, to: string) =>
      holidaysBetween(day(from), day(to)).map((holiday) => `${formatDate(holiday.day)} ${holiday.name}`);
    expect(names('2024-03-28', '2024-04-02')).toEqual([
      '2024-03-29 Good Friday',
      '2024-03-31 Easter Sunday',
      '2024-04-01 Easter Monday',
    ]);
    expect(names('2024-11-20', '2025-01-01')).toEqual([
      '2024-11-28 Thanksgiving',
      '2024-12-24 Christmas Eve',
      '2024-12-25 Christmas Day',
      '2024-12-26 Boxing Day',
      "2024-12-31 New Year's Eve",
      "2025-01-01 New Year's Day",
    ]);
  });
});
