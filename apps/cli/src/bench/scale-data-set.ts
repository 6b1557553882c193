// The scale benchmark's data sets: the project's generator, seeded, one folder per store count,
// cached under .bench/ (a 140,000-store week is about 1.3 GB of polls and takes minutes to make).
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureCommand } from './measure';

/**
 * The same seed and end as run-bench.ts's data set, so the 14,000-store folder of real schedules
 * is the one `npm run bench` already made (loop-2023-14000x7) and is not generated twice.
 */
const SEED = '2023';
const DATA_END = '2023-01-25T18:13:22Z';
const DAYS = '7';

export interface ScaleDataSet {
  dir: string;
  pollsFile: string;
  polls: number;
}

export interface DataSetPlace {
  workDir: string;
  cli: string;
  /** The real menu_hours.csv and timezones.csv, or undefined for generated schedules. */
  realDir: string | undefined;
}

/** Generates the folder once (seeded: the same bytes every time), then counts its polls. */
export async function ensureScaleDataSet(stores: number, place: DataSetPlace): Promise<ScaleDataSet> {
  const kind = place.realDir ? 'loop-2023' : 'generated-2023';
  const dir = join(place.workDir, `${kind}-${stores}x${DAYS}`);
  const pollsFile = join(dir, 'store_status.csv');
  if (!(existsSync(pollsFile) && existsSync(join(dir, 'special_hours.csv')))) {
    process.stderr.write(`generating ${stores} stores x ${DAYS} days into ${dir} (once; cached) ...\n`);
    const real = place.realDir
      ? [
          '--hours-from',
          join(place.realDir, 'menu_hours.csv'),
          '--timezones-from',
          join(place.realDir, 'timezones.csv'),
        ]
      : [];
    const options = ['--stores', String(stores), '--days', DAYS, '--seed', SEED, '--end', DATA_END];
    measureCommand(place.cli, ['generate', '--out', dir, ...options, ...real]);
  }
  return { dir, pollsFile, polls: (await countLines(pollsFile)) - 1 };
}

/** Newlines in a file, read in blocks: the 10x polls file does not fit in a string. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const block of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let at = block.indexOf(10); at !== -1; at = block.indexOf(10, at + 1)) lines++;
  }
  return lines;
}

/**
 * How many stores the real files name, hours and zones together (13,584 for 2023): the generator
 * takes its stores from them, so a larger count cannot come from them.
 */
export function realStoreCount(realDir: string): number {
  const ids = new Set<string>();
  for (const name of ['menu_hours.csv', 'timezones.csv']) {
    const lines = readFileSync(join(realDir, name), 'utf8').split('\n').slice(1);
    for (const line of lines) if (line.trim() !== '') ids.add(line.slice(0, line.indexOf(',')));
  }
  return ids.size;
}
