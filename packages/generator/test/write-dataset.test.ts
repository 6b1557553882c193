import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_GENERATE_OPTIONS,
  FILE_NAMES,
  interleavePolls,
  pollsForStore,
  pollWindow,
  syntheticDataset,
  writeDataset,
  ZONES,
  type GenerateOptions,
  type WriteResult,
} from '../src';
import { CLOCK, INTEGER_ID, parsePolls, readLines, tempDir, timestampMicros, UUID_V4 } from './support/dataset-files';

const OPTIONS: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, stores: 60, days: 3, seed: 11 };
const temp = tempDir('write');
const isStoreId = (id: string) => INTEGER_ID.test(id) || UUID_V4.test(id);
afterAll(() => temp.remove());

/** The four files, compared with Buffer.equals: jest's deep equality is slow over hundreds of KB. */
const sameBytes = (a: WriteResult, b: WriteResult) =>
  (['polls', 'hours', 'timeZones', 'specialHours'] as const).map((file) =>
    readFileSync(a.files[file]).equals(readFileSync(b.files[file])),
  );

describe('writeDataset', () => {
  let result: WriteResult;
  beforeAll(async () => {
    result = await writeDataset(join(temp.dir, 'a'), OPTIONS);
  });

  it('names the contract files in the directory, creating it', () => {
    expect(result.files).toEqual({
      polls: join(temp.dir, 'a', FILE_NAMES.polls),
      hours: join(temp.dir, 'a', 'menu_hours.csv'),
      timeZones: join(temp.dir, 'a', 'timezones.csv'),
      specialHours: join(temp.dir, 'a', 'special_hours.csv'),
    });
    expect(FILE_NAMES.polls).toBe('store_status.csv');
  });

  it('writes byte-identical files for the same options', async () => {
    const again = await writeDataset(join(temp.dir, 'deep', 'er', 'b'), OPTIONS);
    expect(again).toEqual({ ...result, files: again.files });
    expect(sameBytes(again, result)).toEqual([true, true, true, true]);
  });

  it('writes different files for a different seed', async () => {
    const other = await writeDataset(join(temp.dir, 'c'), { ...OPTIONS, seed: 12 });
    expect(sameBytes(other, result)).toEqual([false, false, false, false]);
  });

  it('returns the counts of the rows it wrote', () => {
    expect(readLines(result.files.polls).length - 1).toBe(result.polls);
    expect(readLines(result.files.hours).length - 1).toBe(result.hoursRows);
    expect(readLines(result.files.timeZones).length - 1).toBe(result.timeZoneRows);
    expect(readLines(result.files.specialHours).length - 1).toBe(result.specialHoursRows);
    expect(result.stores).toBe(60);
    // About one poll an hour per store.
    expect(result.polls).toBeGreaterThan(60 * 72 * 0.85);
    expect(result.polls).toBeLessThan(60 * 72 * 1.05);
  });

  it('writes every poll row in the contract format, inside the window', () => {
    const lines = readLines(result.files.polls);
    expect(lines[0]).toBe('store_id,status,timestamp_utc');
    const { startMicros, endMicros } = pollWindow(OPTIONS);
    const bad = lines.slice(1).filter((line) => {
      const [id, status, timestamp, ...rest] = line.split(',');
      const at = timestampMicros(timestamp);
      const inWindow = at >= startMicros - 1_000_000 && at <= endMicros;
      return rest.length > 0 || !isStoreId(id) || !['active', 'inactive'].includes(status) || !inWindow;
    });
    expect(bad).toEqual([]);
  });

  it('ends the polls at or shortly before `end`', () => {
    const latest = Math.max(...parsePolls(readLines(result.files.polls)).map((poll) => poll.micros));
    const end = OPTIONS.end * 1000;
    expect(latest).toBeLessThanOrEqual(end);
    expect(latest).toBeGreaterThan(end - 20 * 60 * 1_000_000);
  });

  it('writes every hours row in the contract format', () => {
    const lines = readLines(result.files.hours);
    expect(lines[0]).toBe('store_id,dayOfWeek,start_time_local,end_time_local');
    const bad = lines.slice(1).filter((line) => {
      const [id, day, start, end, ...rest] = line.split(',');
      return rest.length > 0 || !isStoreId(id) || !/^[0-6]$/.test(day) || !CLOCK.test(start) || !CLOCK.test(end);
    });
    expect(lines.length).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  it('writes every zone row with a known zone and each store at most once', () => {
    const lines = readLines(result.files.timeZones);
    expect(lines[0]).toBe('store_id,timezone_str');
    const ids = lines.slice(1).map((line) => {
      const [id, zone, ...rest] = line.split(',');
      expect(rest).toEqual([]);
      expect(ZONES).toContain(zone);
      return id;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes exactly the polls the pure functions make, in the same order', () => {
    const dataset = syntheticDataset(OPTIONS);
    const written = parsePolls(readLines(result.files.polls)).map((poll) => [
      poll.storeId,
      poll.status === 'active',
      poll.micros,
    ]);
    const made = [...interleavePolls(dataset.stores, OPTIONS)].map((poll) => [
      poll.storeId,
      poll.active,
      poll.atMicros,
    ]);
    expect(written).toEqual(made);
  });

  it('makes each store’s polls in time order, the same every time', () => {
    const [store] = syntheticDataset(OPTIONS).stores;
    const polls = [...pollsForStore(store, OPTIONS)];
    expect(polls.length).toBeGreaterThan(0);
    for (let i = 1; i < polls.length; i++) expect(polls[i].atMicros).toBeGreaterThan(polls[i - 1].atMicros);
    expect([...pollsForStore(store, OPTIONS)]).toEqual(polls);
  });

  it('reports progress in hours of the window, ending with all of them', async () => {
    const calls: [number, number][] = [];
    await writeDataset(join(temp.dir, 'progress'), { ...OPTIONS, stores: 5 }, (done, total) =>
      calls.push([done, total]),
    );
    expect(calls.length).toBeGreaterThan(0);
    expect(calls[calls.length - 1]).toEqual([72, 72]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThan(calls[i - 1][0]);
  });

  it('rejects, rather than crashing, when a file cannot be written', async () => {
    const dir = join(temp.dir, 'blocked');
    mkdirSync(join(dir, FILE_NAMES.polls), { recursive: true });
    await expect(writeDataset(dir, OPTIONS)).rejects.toThrow(/EISDIR/);
  });

  it('rejects when the directory is a file', async () => {
    const path = join(temp.dir, 'plain-file');
    writeFileSync(path, '');
    await expect(writeDataset(join(path, 'sub'), OPTIONS)).rejects.toThrow();
  });

  it('rejects invalid options before writing anything', async () => {
    await expect(writeDataset(join(temp.dir, 'never'), { ...OPTIONS, stores: 0 })).rejects.toThrow(RangeError);
    expect(existsSync(join(temp.dir, 'never'))).toBe(false);
  });
});
