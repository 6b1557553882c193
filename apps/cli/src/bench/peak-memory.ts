// Preloaded into a measured child process (`node --require`): on exit it writes the process's
// peak resident memory, so the benchmark measures the real command, not a re-implementation.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
