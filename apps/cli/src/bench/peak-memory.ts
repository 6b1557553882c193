// Preloaded into a measured child process (`node --require`): on exit it writes the process's
// peak resident memory and CPU time, so the benchmark measures the real command, not a
// re-implementation.
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMicros = usage.userCPUTime + usage.systemCPUTime;
    writeFileSync(target, JSON.stringify({ maxRssKb: peakRssKb(usage.maxRSS), cpuMicros }));
  });
}

/**
 * Linux's VmHWM, this process image's own peak. getrusage's maxRSS is not that: Linux carries it
 * across exec from the forked copy of the parent, so a child of a large benchmark process would
 * report the parent's size (seen: 273 MB for a line count that peaks at 65 MB).
 */
function peakRssKb(maxRssKb: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) : maxRssKb;
  } catch {
    return maxRssKb;
  }
}
