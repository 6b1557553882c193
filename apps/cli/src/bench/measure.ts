import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  seconds: number;
  peakMb: number;
  stdout: string;
}

const PEAK_PRELOAD = join(__dirname, 'peak-memory.js');

/** Runs a node script in a child process; wall seconds and peak resident memory of that child. */
export function measureNode(script: string, args: string[]): Measurement {
  const dir = mkdtempSync(join(tmpdir(), 'store-monitor-bench-'));
  const peakFile = join(dir, 'peak.json');
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', PEAK_PRELOAD, script, ...args], {
    env: { ...process.env, BENCH_PEAK_FILE: peakFile },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) {
    throw new Error(`${script} ${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
  }
  const { maxRssKb } = JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRssKb: number };
  rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMb: maxRssKb / 1024, stdout: child.stdout };
}

/** The run with the median time of `runs` repetitions (shared machines are noisy). */
export function medianOf(runs: number, measure: () => Measurement): Measurement {
  const results = Array.from({ length: runs }, measure).sort((a, b) => a.seconds - b.seconds);
  return results[Math.floor(runs / 2)];
}
