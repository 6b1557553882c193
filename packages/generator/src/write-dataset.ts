import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chunkLines, writeChunks } from './chunked-file';
import { buildDataset } from './dataset';
import { validateOptions, type GenerateOptions } from './options';
import { pollChunks } from './poll-lines';
import { SPECIAL_HEADER } from './special-days';

/** The contract's default file names. */
export const FILE_NAMES = {
  polls: 'store_status.csv',
  hours: 'menu_hours.csv',
  timeZones: 'timezones.csv',
  specialHours: 'special_hours.csv',
} as const;

export interface WriteResult {
  stores: number;
  polls: number;
  hoursRows: number;
  timeZoneRows: number;
  specialHoursRows: number;
  files: { polls: string; hours: string; timeZones: string; specialHours: string };
}

/**
 * Writes the four files of a data set into `dir` (created if needed). `onProgress` counts hours
 * of the poll history written, out of all of them.
 */
export async function writeDataset(
  dir: string,
  options: GenerateOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<WriteResult> {
  validateOptions(options);
  await mkdir(dir, { recursive: true });
  const dataset = await buildDataset(options);
  const files = {
    polls: join(dir, FILE_NAMES.polls),
    hours: join(dir, FILE_NAMES.hours),
    timeZones: join(dir, FILE_NAMES.timeZones),
    specialHours: join(dir, FILE_NAMES.specialHours),
  };
  await writeChunks(
    files.timeZones,
    chunkLines(
      'store_id,timezone_str',
      dataset.timeZones.map((row) => `${row.storeId},${row.timeZone}`),
    ),
  );
  await writeChunks(
    files.hours,
    chunkLines(
      `store_id,${dataset.dayColumn},start_time_local,end_time_local`,
      dataset.hours.map((row) => `${row.storeId},${row.day},${row.start},${row.end}`),
    ),
  );
  await writeChunks(
    files.specialHours,
    chunkLines(
      SPECIAL_HEADER,
      dataset.specialDays.map((row) => `${row.storeId},${row.date},${row.start},${row.end}`),
    ),
  );
  const counter = { polls: 0 };
  await writeChunks(files.polls, pollChunks(dataset.stores, options, counter, onProgress));
  return {
    stores: dataset.stores.length,
    polls: counter.polls,
    hoursRows: dataset.hours.length,
    timeZoneRows: dataset.timeZones.length,
    specialHoursRows: dataset.specialDays.length,
    files,
  };
}
