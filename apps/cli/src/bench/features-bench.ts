// The extensions' part of `npm run bench`: the file report on the benchmark's data set with special
// days (the generated special_hours.csv: a tenth of the stores) and --max-gap 2h, beside the same
// report without them. Both read the same polls, hours and zones; the features run adds only the
// special-days file and the max gap, so the ratio is what the two features cost.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Measurement, median, verdict } from './measure';

const TARGET_RATIO = 1.2;
const MAX_GAP = '2h';
const UNKNOWN_COLUMNS = 'unknown_last_hour,unknown_last_day,unknown_last_week';

export interface FeaturesBenchInput {
  /** The data set folder: store_status.csv, menu_hours.csv, timezones.csv and special_hours.csv. */
  dataDir: string;
  workDir: string;
  runs: number;
  measureCli: (args: string[]) => Measurement;
}

export function runFeaturesBench(input: FeaturesBenchInput): string[][] {
  const file = (name: string) => join(input.dataDir, name);
  const specialFile = file('special_hours.csv');
  const plainOut = join(input.workDir, 'report-plain.csv');
  const featuresOut = join(input.workDir, 'report-features.csv');
  // Named one by one: --data would pick up special_hours.csv for the plain run too.
  const plain = ['report', '--polls', file('store_status.csv'), '--hours', file('menu_hours.csv')];
  plain.push('--timezones', file('timezones.csv'));
  const features = [...plain, '--special-hours', specialFile, '--max-gap', MAX_GAP];
  // Taken in turns, as the file benchmark does: this machine's speed drifts within minutes.
  const pairs = Array.from({ length: input.runs }, () => [
    input.measureCli([...plain, '--out', plainOut]),
    input.measureCli([...features, '--out', featuresOut]),
  ]);
  checkOutputs(plainOut, featuresOut);
  const ratios = pairs.map(([without, withBoth]) => withBoth.seconds / without.seconds);
  const ratio = median(ratios);
  const specialStores = new Set(dataLines(specialFile).map((line) => line.split(',')[0])).size;
  const stores = dataLines(plainOut).length;
  const peak = (i: number) => Math.max(...pairs.map((pair) => pair[i].peakMb)).toFixed(0);
  return [
    ['special days', `${specialStores.toLocaleString('en-US')} of ${stores.toLocaleString('en-US')} stores`],
    ['report, neither feature', `${median(pairs.map(([a]) => a.seconds)).toFixed(2)} s median, peak ${peak(0)} MB`],
    [
      `report, both (--max-gap ${MAX_GAP})`,
      `${median(pairs.map(([, b]) => b.seconds)).toFixed(2)} s median, peak ${peak(1)} MB`,
    ],
    ['both / neither, per pair', ratios.map((value) => value.toFixed(2)).join(' ')],
    ['both / neither, median', `${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x) ${verdict(ratio <= TARGET_RATIO)}`],
  ];
}

/** The two runs did what they are said to: seven columns without, ten with, the same stores. */
function checkOutputs(plainOut: string, featuresOut: string): void {
  const [plainHeader] = readFileSync(plainOut, 'utf8').split('\n', 1);
  const [featuresHeader] = readFileSync(featuresOut, 'utf8').split('\n', 1);
  if (plainHeader.includes('unknown_') || featuresHeader !== `${plainHeader},${UNKNOWN_COLUMNS}`) {
    throw new Error(`unexpected report headers: "${plainHeader}" and "${featuresHeader}"`);
  }
  if (dataLines(plainOut).length !== dataLines(featuresOut).length) {
    throw new Error('the reports with and without the features have different numbers of stores');
  }
}

function dataLines(path: string): string[] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1);
}
