// A report thread's entry (report-threads.ts): it reads the schedule files while the main thread
// reads the polls, then computes the rows of the run of stores it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError, type Reject } from '@store-monitor/csv';
import { assembleStores, storeRows } from '@store-monitor/engine';
import { loadSchedules, type LoadedSchedules } from '../report-inputs';
import type { ThreadMessage, ThreadSetup, ThreadTask } from './thread-messages';

const setup = workerData as ThreadSetup;
const send = (message: ThreadMessage) => parentPort?.postMessage(message);

const rejects: Reject[] = [];
const schedules = loadSchedules(setup.files, setup.sendsRejects ? (reject) => rejects.push(reject) : () => {}).then(
  (loaded) => {
    send({ kind: 'schedules', rejects, specialHoursRead: loaded.specialHoursRead });
    return loaded;
  },
  (error: unknown) => {
    send(failure(error));
    return undefined;
  },
);

parentPort?.on('message', (task: ThreadTask) => {
  schedules
    .then((loaded) => loaded && send({ kind: 'rows', rows: rowsOf(task, loaded) }))
    .catch((error) => send(failure(error)));
});

function rowsOf(task: ThreadTask, loaded: LoadedSchedules) {
  const polls = new Map(task.stores.map((store) => [store.storeId, store.polls]));
  // The stores arrive in report order, and assembleStores keeps the order of `polls`.
  return storeRows(assembleStores({ ...loaded, polls }), task.now, task.options);
}

function failure(error: unknown): ThreadMessage {
  const message = error instanceof Error ? error.message : String(error);
  const file = error instanceof InputError ? error.file : undefined;
  return { kind: 'failed', message, file, inputError: error instanceof InputError };
}
