// The services part of the scale benchmark, on one scale's database: a fresh API and N fresh worker
// processes, trigger -> CSV via the callback as services-bench.ts times it, every CSV checked
// against report --db's, and each process's peak memory.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CallbackReceiver } from './callback-receiver';
import { median } from './measure';
import { runningPeakMb } from './process-peak';
import {
  benchServiceEnvironment,
  PORT,
  PREFIX,
  removeQueueKeys,
  reportThroughApi,
  timedReport,
} from './services-bench';
import { SERVICE_ENTRY, type Service, startService, stopService, waitForReady } from '../start/services';

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
  const reportsDir = join(input.workDir, 'scale-reports');
  mkdirSync(reportsDir, { recursive: true });
  const receiver = await CallbackReceiver.start();
  const env: NodeJS.ProcessEnv = {
    ...benchServiceEnvironment(input.databaseUrl, reportsDir, PORT, PREFIX),
    // One chunk at a time per process, as services-bench.ts runs them: the worker count is the parallelism.
    WORKER_CONCURRENCY: '1',
    CALLBACK_ALLOWED_HOSTS: receiver.host,
    CALLBACK_SECRET: randomBytes(24).toString('hex'),
  };
  const api = startService('api', SERVICE_ENTRY.api, env, 'ignore');
  try {
    if (!(await waitForReady(`http://127.0.0.1:${PORT}/readyz`, 30_000)))
      throw new Error('the API did not become ready');
    const figure = await timeWorkers(env, { ...input, receiver });
    return { ...figure, apiPeakMb: runningPeakMb(api.child.pid) };
  } finally {
    await stopService(api);
    await receiver.close();
    await removeQueueKeys(PREFIX);
    rmSync(reportsDir, { recursive: true, force: true });
  }
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
