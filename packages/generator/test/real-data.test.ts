import { readFileSync, writeFileSync } from 'node:fs';
import { readSpecialHours } from '@store-monitor/csv';
import { join } from 'node:path';
import {
  DEFAULT_GENERATE_OPTIONS,
  readHoursFile,
  readZonesFile,
  writeDataset,
  ZONES,
  type GenerateOptions,
} from '../src';
import { CLOCK, parseHours, parsePolls, parseZones, readLines, tempDir } from './support/dataset-files';

const REAL = join(__dirname, '../../../../shared/data');
const HOURS_2023 = join(REAL, 'loop-2023/menu_hours.csv');
const ZONES_2023 = join(REAL, 'loop-2023/timezones.csv');
const HOURS_2024 = join(REAL, 'loop-2024/menu_hours.csv');
const ZONES_2024 = join(REAL, 'loop-2024/timezones.csv');

const temp = tempDir('real');
afterAll(() => temp.remove());

/** Data lines of a real file, read independently of the generator. */
const dataLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line !== '');
const idOf = (line: string) => line.slice(0, line.indexOf(','));

/** The ids of the hours file, then of the zone file, in order of first appearance. */
function realIds(...paths: string[]): string[] {
  return [...new Set(paths.flatMap((path) => dataLines(path).map(idOf)))];
}

describe('hoursFrom and timezonesFrom (loop-2023)', () => {
  const options: GenerateOptions = {
    ...DEFAULT_GENERATE_OPTIONS,
    stores: 300,
    days: 2,
    hoursFrom: HOURS_2023,
    timezonesFrom: ZONES_2023,
  };
  const chosen = new Set(realIds(HOURS_2023, ZONES_2023).slice(0, 300));
  let files: { polls: string; hours: string; timeZones: string; specialHours: string };
  let counts: { stores: number; polls: number; hoursRows: number; timeZoneRows: number; specialHoursRows: number };

  beforeAll(async () => {
    const { files: written, ...rest } = await writeDataset(join(temp.dir, 'first-300'), options);
    files = written;
    counts = rest;
  });

  it('takes the first 300 real stores', () => {
    expect(counts.stores).toBe(300);
    expect(chosen.size).toBe(300);
  });

  it('copies their hours rows in file order, header kept', () => {
    const expected = dataLines(HOURS_2023).filter((line) => chosen.has(idOf(line)));
    const lines = readLines(files.hours);
    expect(lines[0]).toBe('store_id,day,start_time_local,end_time_local');
    expect(lines.slice(1)).toEqual(expected);
    expect(counts.hoursRows).toBe(expected.length);
  });

  it('copies their zone rows in file order', () => {
    const expected = dataLines(ZONES_2023).filter((line) => chosen.has(idOf(line)));
    const lines = readLines(files.timeZones);
    expect(lines[0]).toBe('store_id,timezone_str');
    expect(lines.slice(1)).toEqual(expected);
    expect(counts.timeZoneRows).toBe(expected.length);
  });

  it('gives a tenth of those stores special days, which the report’s reader takes with no rejects', async () => {
    const read = await readSpecialHours(files.specialHours);
    expect(read).toMatchObject({ read: counts.specialHoursRows, rejected: 0 });
    expect(read.specialHours.size).toBe(30);
    for (const id of read.specialHours.keys()) expect(chosen.has(id)).toBe(true);
  });

  it('makes polls only for those stores, and for nearly all of them', () => {
    const polled = new Set(parsePolls(readLines(files.polls)).map((poll) => poll.storeId));
    for (const id of polled) expect(chosen.has(id)).toBe(true);
    expect(polled.size).toBeGreaterThan(280);
    expect(counts.polls).toBe(readLines(files.polls).length - 1);
  });
});

describe('more stores asked for than the real files hold', () => {
  it('uses every real store once and copies both files byte for byte', async () => {
    const options = {
      ...DEFAULT_GENERATE_OPTIONS,
      stores: 20_000,
      days: 0.5,
      hoursFrom: HOURS_2023,
      timezonesFrom: ZONES_2023,
    };
    const result = await writeDataset(join(temp.dir, 'all'), options);
    const ids = realIds(HOURS_2023, ZONES_2023);
    expect(ids).toHaveLength(13_584);
    expect(result).toMatchObject({ stores: 13_584, hoursRows: 86_198, timeZoneRows: 13_559 });
    // Buffer.equals: a deep toEqual over megabytes takes a minute.
    expect(readFileSync(result.files.hours).equals(readFileSync(HOURS_2023))).toBe(true);
    expect(readFileSync(result.files.timeZones).equals(readFileSync(ZONES_2023))).toBe(true);
    const polled = new Set(parsePolls(readLines(result.files.polls)).map((poll) => poll.storeId));
    const known = new Set(ids);
    expect([...polled].filter((id) => !known.has(id))).toEqual([]);
    expect(polled.size).toBeGreaterThan(13_000);
  });
});

describe('one real file, the other generated', () => {
  it('keeps the 2024 hours (dayOfWeek header, UUIDs) and makes zones for those stores', async () => {
    const result = await writeDataset(join(temp.dir, 'hours-only'), {
      ...DEFAULT_GENERATE_OPTIONS,
      stores: 80,
      days: 1,
      hoursFrom: HOURS_2024,
    });
    const chosen = new Set(realIds(HOURS_2024).slice(0, 80));
    const lines = readLines(result.files.hours);
    expect(lines[0]).toBe('store_id,dayOfWeek,start_time_local,end_time_local');
    expect(lines.slice(1)).toEqual(dataLines(HOURS_2024).filter((line) => chosen.has(idOf(line))));
    const zones = parseZones(readLines(result.files.timeZones));
    expect(zones.length).toBeGreaterThan(60);
    for (const row of zones) {
      expect(chosen.has(row.storeId)).toBe(true);
      expect(ZONES).toContain(row.timeZone);
    }
  });

  it('keeps the 2024 zones and makes hours for those stores', async () => {
    const result = await writeDataset(join(temp.dir, 'zones-only'), {
      ...DEFAULT_GENERATE_OPTIONS,
      stores: 80,
      days: 1,
      timezonesFrom: ZONES_2024,
    });
    const chosen = new Set(realIds(ZONES_2024).slice(0, 80));
    expect(readLines(result.files.timeZones).slice(1)).toEqual(dataLines(ZONES_2024).slice(0, 80));
    const hours = parseHours(readLines(result.files.hours));
    expect(hours.length).toBeGreaterThan(300);
    for (const row of hours) {
      expect(chosen.has(row.storeId)).toBe(true);
      expect(row.start).toMatch(CLOCK);
    }
  });
});

describe('the real-file readers', () => {
  it('strip a byte-order mark, CRLF and spaces, and find columns by name', async () => {
    const path = join(temp.dir, 'odd-zones.csv');
    writeFileSync(path, '\uFEFFtimezone_str , store_id\r\n America/Denver , 7 \r\n\r\nAsia/Kolkata,b-2\r\n');
    expect(await readZonesFile(path)).toEqual([
      { storeId: '7', timeZone: 'America/Denver' },
      { storeId: 'b-2', timeZone: 'Asia/Kolkata' },
    ]);
  });

  it('read either weekday header', async () => {
    const path = join(temp.dir, 'odd-hours.csv');
    writeFileSync(path, 'start_time_local,end_time_local,dayOfWeek,store_id\n09:00,17:00,0,s1\n');
    expect(await readHoursFile(path)).toEqual({
      dayColumn: 'dayOfWeek',
      rows: [{ storeId: 's1', day: '0', start: '09:00', end: '17:00' }],
    });
    expect((await readHoursFile(HOURS_2023)).dayColumn).toBe('day');
  });

  it('name the file and line of a short row, and a missing column', async () => {
    const short = join(temp.dir, 'short.csv');
    writeFileSync(short, 'store_id,timezone_str\n1,America/Denver\n2\n');
    await expect(readZonesFile(short)).rejects.toThrow(`${short}:3: expected 2 fields, found 1`);
    const missing = join(temp.dir, 'missing.csv');
    writeFileSync(missing, 'store_id,zone\n1,America/Denver\n');
    await expect(readZonesFile(missing)).rejects.toThrow(/no timezone_str column/);
    await expect(
      writeDataset(join(temp.dir, 'bad'), { ...DEFAULT_GENERATE_OPTIONS, timezonesFrom: missing }),
    ).rejects.toThrow(/timezone_str/);
  });
});
