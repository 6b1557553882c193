import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  reportNow,
  sortStores,
  storeRows,
  type Report,
  type ReportOptions,
  type ReportRow,
  type StoreInput,
} from '@store-monitor/engine';
import type { ThreadTask } from './engine-thread';

/**
 * The file report's engine on several threads: the stores, in report order, are cut into one run
 * per thread, and the runs' rows joined in order. A store's row depends on that store alone, so
 * the CSV is byte for byte the one thread's. Polls are not copied: the reader keeps them on
 * SharedArrayBuffers (PollBuffer.toSeries), and a typed array on one is passed by reference.
 *
 * Why: sorting a store's polls and building its timeline is most of the work after reading, and
 * it is per store. Threads are started before the files are read, so that loading the engine on
 * them overlaps the reading.
 */
export class EngineThreads {
  private constructor(private readonly workers: Worker[]) {}

  /** `count` threads in all, this one included: count - 1 workers. */
  static start(count: number): EngineThreads {
    return new EngineThreads(Array.from({ length: count - 1 }, () => new Worker(join(__dirname, 'engine-thread.js'))));
  }

  /** The same report as the engine's buildReport. */
  async buildReport(stores: StoreInput[], options: ReportOptions): Promise<Report> {
    const now = reportNow(stores, options);
    if (now === undefined) return { now, rows: [] };
    const runs = cut(sortStores(stores), this.workers.length + 1);
    // Sent first, so the workers compute while this thread does its own run.
    const theirs = this.workers.map((worker, i) => compute(worker, { stores: runs[i + 1], now, options }));
    const mine = storeRows(runs[0], now, options);
    return { now, rows: mine.concat(...(await Promise.all(theirs))) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Polls files from this size on get two threads by default: below it a thread costs more than it saves. */
export const THREADS_FROM_BYTES = 16 * 1024 * 1024;

/** The default number of threads for a polls file of `bytes`: two when it is large and there are cores. */
export function defaultThreads(bytes: number): number {
  return bytes >= THREADS_FROM_BYTES ? Math.min(2, availableParallelism()) : 1;
}

/** `items` in `count` consecutive runs of nearly equal length. */
function cut<T>(items: T[], count: number): T[][] {
  return Array.from({ length: count }, (_, i) =>
    items.slice(Math.floor((i * items.length) / count), Math.floor(((i + 1) * items.length) / count)),
  );
}

function compute(worker: Worker, task: ThreadTask): Promise<ReportRow[]> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    const exited = (code: number) => reject(new Error(`a report thread stopped (exit code ${code})`));
    worker.once('error', failed);
    worker.once('exit', exited);
    worker.once('message', (rows: ReportRow[]) => {
      worker.off('error', failed);
      worker.off('exit', exited);
      resolve(rows);
    });
    worker.postMessage(task);
  });
}
