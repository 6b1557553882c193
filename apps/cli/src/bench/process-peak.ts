// The peak resident memory of a running process that the benchmark started but does not wrap
// (the API and the workers): its VmHWM, read just before it is stopped (see peak-memory.ts for why
// VmHWM and not getrusage's maxRSS).
import { readFileSync } from 'node:fs';

/** VmHWM of process `pid` in MB; an error if the process is gone or the line is missing. */
export function runningPeakMb(pid: number | undefined): number {
  if (pid === undefined) throw new Error('the process has no pid (it did not start)');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no VmHWM line`);
  return Number(match[1]) / 1024;
}
