import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { HoursLine } from './schedules';
import type { ZoneLine } from './zones';

/**
 * Readers for the real hours and zone files. Their format is plain (no quotes, no commas inside
 * fields), so a line split on commas is enough; columns are found by header name.
 */

export async function readHoursFile(path: string): Promise<{ dayColumn: string; rows: HoursLine[] }> {
  const rows: HoursLine[] = [];
  let dayColumn = '';
  await eachRecord(path, (header) => {
    dayColumn = header.includes('dayOfWeek') ? 'dayOfWeek' : 'day';
    const [storeId, day, start, end] = columns(path, header, [
      'store_id',
      dayColumn,
      'start_time_local',
      'end_time_local',
    ]);
    return (fields) =>
      rows.push({ storeId: fields[storeId], day: fields[day], start: fields[start], end: fields[end] });
  });
  return { dayColumn, rows };
}

export async function readZonesFile(path: string): Promise<ZoneLine[]> {
  const rows: ZoneLine[] = [];
  await eachRecord(path, (header) => {
    const [storeId, timeZone] = columns(path, header, ['store_id', 'timezone_str']);
    return (fields) => rows.push({ storeId: fields[storeId], timeZone: fields[timeZone] });
  });
  return rows;
}

/** Streams the file line by line: the header goes to `start`, which returns the handler of the rows. */
async function eachRecord(path: string, start: (header: string[]) => (fields: string[]) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let onRow: ((fields: string[]) => void) | undefined;
  let width = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    const text = lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line;
    if (text.trim() === '') continue;
    const fields = text.split(',').map((field) => field.trim());
    if (onRow === undefined) {
      onRow = start(fields);
      width = fields.length;
    } else if (fields.length !== width) {
      throw new Error(`${path}:${lineNumber}: expected ${width} fields, found ${fields.length}`);
    } else {
      onRow(fields);
    }
  }
}

function columns(path: string, header: readonly string[], names: readonly string[]): number[] {
  return names.map((name) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${path}: no ${name} column in header ${header.join(',')}`);
    return index;
  });
}
