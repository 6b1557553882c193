import { join } from 'node:path';
import { InputError, readHours, readPolls, readTimeZones } from '../src';
import { TempDir } from './support/temp-csv';

let dir: TempDir;
beforeEach(() => {
  dir = new TempDir();
});
afterEach(() => dir.cleanup());

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('InputError', () => {
  it('names a missing file', async () => {
    const path = join(dir.path, 'nope.csv');
    const error = await failure(readPolls(path));
    expect(error.message).toBe(`cannot read polls file ${path}: no such file`);
    expect(error.file).toBe(path);
    expect(error.name).toBe('InputError');
  });

  it('names a directory given as a file', async () => {
    const error = await failure(readTimeZones(dir.path));
    expect(error.message).toBe(`cannot read time zones file ${dir.path}: it is a directory`);
  });

  it.each([
    ['an empty file', ''],
    ['a file with only a byte-order mark', '\uFEFF'],
    ['a file with only blank lines', '\n \r\n\n'],
  ])('reports %s as having no header', async (_name, text) => {
    const path = dir.file('hours.csv', text);
    const error = await failure(readHours(path));
    expect(error.message).toBe(`business hours file ${path} is empty: it has no header row`);
  });

  it('names a missing column and lists the header', async () => {
    const path = dir.file('polls.csv', 'store_id,status,ts\n1,active,2023-01-22T13:00:00Z\n');
    const error = await failure(readPolls(path));
    expect(error.message).toBe(
      `polls file ${path}: missing column "timestamp_utc" (header has: "store_id", "status", "ts")`,
    );
  });

  it('names every missing column, with the accepted spellings', async () => {
    const path = dir.file('hours.csv', 'store,weekday,start_time_local,end\n');
    const error = await failure(readHours(path));
    expect(error.message).toBe(
      `business hours file ${path}: missing columns "store_id", "day" or "dayOfWeek", "end_time_local" ` +
        '(header has: "store", "weekday", "start_time_local", "end")',
    );
  });

  it('refuses a required column given twice', async () => {
    const path = dir.file('hours.csv', 'store_id,day,dayOfWeek,start_time_local,end_time_local\n');
    const error = await failure(readHours(path));
    expect(error.message).toBe(
      `business hours file ${path}: more than one column for "day" or "dayOfWeek" ` +
        '(header has: "store_id", "day", "dayOfWeek", "start_time_local", "end_time_local")',
    );
  });

  it('matches column names exactly (after trimming)', async () => {
    const path = dir.file('tz.csv', 'Store_ID,timezone_str\n');
    const error = await failure(readTimeZones(path));
    expect(error.message).toBe(
      `time zones file ${path}: missing column "store_id" (header has: "Store_ID", "timezone_str")`,
    );
  });

  it('reports a header with a broken quote', async () => {
    const path = dir.file('tz.csv', '"store_id,timezone_str\n1,America/Chicago\n');
    const error = await failure(readTimeZones(path));
    expect(error.message).toBe(
      `time zones file ${path}: the header (line 1) cannot be read: a quoted field is never closed`,
    );
  });
});
