// The file report case of `npm run bench`, for one order of the polls file: the report run in
// turns with the reference (node reading and splitting the same file into lines), judged on the
// median of the pairs' ratios.
import { type Measurement, measureCommand, measureNode, measurePairs, median, verdict } from './measure';

export const FILE_TARGETS = { ratio: 3, peakMb: 512 };

export interface FileReportCase {
  /** The polls file this order's runs read. */
  pollsFile: string;
  /** The report command's arguments, its output file included. */
  reportArgs: string[];
  runs: number;
  cli: string;
  readLines: string;
}

export interface FileReportResult {
  rows: string[][];
  pollCount: number;
  readSeconds: number;
  reportSeconds: number;
}

export function runFileReportCase(input: FileReportCase): FileReportResult {
  // This machine's speed drifts by half within minutes: each report run is paired with a reference
  // run on the same file taken just before it.
  const pairs = measurePairs(
    input.runs,
    () => measureNode(input.readLines, [input.pollsFile]),
    () => measureCommand(input.cli, input.reportArgs),
  );
  const pollCount = Number(pairs[0][0].stdout.trim()) - 1;
  const seconds = (which: 0 | 1) => median(pairs.map((pair) => pair[which].seconds));
  const [readSeconds, reportSeconds] = [seconds(0), seconds(1)];
  const ratio = median(pairs.map(([read, report]) => report.seconds / read.seconds));
  const peak = (which: 0 | 1) => Math.max(...pairs.map((pair) => pair[which].peakMb));
  const [readPeakMb, peakMb] = [peak(0), peak(1)];
  const ratios = pairs.map(([read, report]) => (report.seconds / read.seconds).toFixed(2)).join(' ');
  const rows = [
    ['polls', pollCount.toLocaleString('en-US')],
    ['read + split lines (reference)', `${readSeconds.toFixed(2)} s median, peak ${readPeakMb.toFixed(0)} MB`],
    ['store-monitor report', `${reportSeconds.toFixed(2)} s median, peak ${peakMb.toFixed(0)} MB`],
    ['report / reference, per pair', ratios],
    [
      'report / reference, median',
      `${ratio.toFixed(2)}x (target <= ${FILE_TARGETS.ratio}x) ${verdict(ratio <= FILE_TARGETS.ratio)}`,
    ],
    [
      'peak memory',
      `${peakMb.toFixed(0)} MB (target < ${FILE_TARGETS.peakMb} MB) ${verdict(peakMb < FILE_TARGETS.peakMb)}`,
    ],
    ['polls per second', Math.round(pollCount / reportSeconds).toLocaleString('en-US')],
    ['CPU time (user + sys), medians', cpuFigures(pairs)],
  ];
  return { rows, pollCount, readSeconds, reportSeconds };
}

/**
 * The same comparison in CPU time, for reading a run on a busy machine, where waiting for a core
 * stretches wall times unevenly. Not judged: the target is on wall time.
 */
function cpuFigures(pairs: [Measurement, Measurement][]): string {
  const read = median(pairs.map(([reference]) => reference.cpuSeconds));
  const report = median(pairs.map(([, subject]) => subject.cpuSeconds));
  const ratio = median(pairs.map(([reference, subject]) => subject.cpuSeconds / reference.cpuSeconds));
  return `report ${report.toFixed(2)} s, reference ${read.toFixed(2)} s, median ratio ${ratio.toFixed(2)}x`;
}
