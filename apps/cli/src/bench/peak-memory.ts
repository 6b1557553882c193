// Preloaded into a measured child process (`node --require`): on exit it writes the process's
// peak resident memory and CPU time, so the benchmark measures the real command, not a
// re-implementation.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMicros = usage.userCPUTime + usage.systemCPUTime;
    writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMicros }));
  });
}
