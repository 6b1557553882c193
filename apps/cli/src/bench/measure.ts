import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  seconds: number;
  peakMb: number;
  /** User plus system CPU seconds of the child: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  stdout: string;
}

const PEAK_PRELOAD = join(__dirname, 'peak-memory.js');

/** Runs a node script in a child process; wall seconds and peak resident memory of that child. */
export function measureNode(script: string, args: string[]): Measurement {
  return measure(process.execPath, [script, ...args]);
}

/**
 * Runs an executable script (such as the installed command, with its own node flags) the same
 * way; the peak-memory hook rides along in NODE_OPTIONS.
 */
export function measureCommand(command: string, args: string[]): Measurement {
  return measure(command, args);
}

function measure(file: string, args: string[]): Measurement {
  const dir = mkdtempSync(join(tmpdir(), 'store-monitor-bench-'));
  const peakFile = join(dir, 'peak.json');
  const started = process.hrtime.bigint();
  const child = spawnSync(file, args, {
    env: { ...process.env, BENCH_PEAK_FILE: peakFile, NODE_OPTIONS: `--require ${PEAK_PRELOAD}` },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    throw new Error(`${file} ${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
  }
  const usage = JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKb: number; cpuMicros: number };
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMb: usage.maxRssKb / 1024, cpuSeconds: usage.cpuMicros / 1e6, stdout: child.stdout };
}

/** Runs a reference and a subject in turns, `runs` times; each turn's pair was measured side by side. */
export function measurePairs(
  runs: number,
  reference: () => Measurement,
  subject: () => Measurement,
): [Measurement, Measurement][] {
  return Array.from({ length: runs }, () => [reference(), subject()] as [Measurement, Measurement]);
}

/** How a figure stands against its target, in the benchmark's table. */
export const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
