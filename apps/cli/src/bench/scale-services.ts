// The services part of the scale benchmark, on one scale's database: a fresh API and N fresh worker
// processes, trigger -> CSV via the callback as services-bench.ts times it, every CSV checked
// against report --db's, and each process's peak memory.
import { join } from 'node:path';
import type { CallbackReceiver } from './callback-receiver';
import { median } from './measure';
import { runningPeakMb } from './process-peak';
import { reportThroughApi, timedReport, withBenchApi } from './services-bench';
import { SERVICE_ENTRY, type Service, startService, stopService } from '../start/services';

export const WORKER_COUNTS = [1, 2, 4] as const;
/** A 10x report with one worker may take minutes on a busy machine; this only catches a hang. */
const CALLBACK_TIMEOUT_MS = 30 * 60_000;

export interface WorkersFigure {
  workers: number;
  /** Median trigger -> CSV seconds over the timed runs. */
  seconds: number;
  /** The API's VmHWM after this count's reports. */
  apiPeakMb: number;
  /** The largest VmHWM among this count's worker processes. */
  workerPeakMb: number;
}

export interface ScaleServicesInput {
  databaseUrl: string;
  workDir: string;
  /** report --db's CSV on the same database: every CSV through the API must be these bytes. */
  reportDbCsv: string;
  workers: number;
  runs: number;
}

/** A fresh API and `workers` fresh worker processes on one scale's database, timed, then stopped. */
export async function runScaleServices(input: ScaleServicesInput): Promise<WorkersFigure> {
  return withBenchApi(input.databaseUrl, join(input.workDir, 'scale-reports'), async ({ env, receiver, api }) => {
    const figure = await timeWorkers(env, { ...input, receiver });
    return { ...figure, apiPeakMb: runningPeakMb(api.child.pid) };
  });
}

/**
 * Starts the worker processes, lets one untimed report warm them up (code loaded, connections
 * made), times `runs` reports, reads each process's peak, then stops them all.
 */
async function timeWorkers(
  env: NodeJS.ProcessEnv,
  input: ScaleServicesInput & { receiver: CallbackReceiver },
): Promise<Omit<WorkersFigure, 'apiPeakMb'>> {
  const started: Service[] = [];
  try {
    for (let index = 1; index <= input.workers; index++) {
      started.push(startService(`worker ${index}`, SERVICE_ENTRY.worker, env, 'ignore'));
    }
    await reportThroughApi(input.receiver, CALLBACK_TIMEOUT_MS);
    const expected = { csv: input.reportDbCsv, receiver: input.receiver, timeoutMs: CALLBACK_TIMEOUT_MS };
    const seconds: number[] = [];
    for (let run = 0; run < input.runs; run++) seconds.push(await timedReport(expected, `${input.workers} workers`));
    const peaks = started.map((worker) => runningPeakMb(worker.child.pid));
    return { workers: input.workers, seconds: median(seconds), workerPeakMb: Math.max(...peaks) };
  } finally {
    await Promise.all(started.map((worker) => stopService(worker)));
  }
}
