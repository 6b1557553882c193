// A worker thread's entry: computes the rows of the stores it is sent (report-threads.ts).
import { parentPort } from 'node:worker_threads';
import { storeRows, type ReportOptions, type StoreInput } from '@store-monitor/engine';

/** What the main thread sends: a run of stores in report order, and the report's now and options. */
export interface ThreadTask {
  stores: StoreInput[];
  now: number;
  options: ReportOptions;
}

parentPort?.on('message', (task: ThreadTask) => {
  parentPort?.postMessage(storeRows(task.stores, task.now, task.options));
});
