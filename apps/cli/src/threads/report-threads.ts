import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InputError, type Reject } from '@store-monitor/csv';
import { reportNow, sortStores, type Report, type ReportOptions, type ReportRow } from '@store-monitor/engine';
import type { ScheduleFiles } from '../report-inputs';
import { ThreadInbox } from './thread-inbox';
import type { PolledStore, ThreadMessage, ThreadSetup, ThreadTask } from './thread-messages';

/**
 * The file report on worker threads. Each thread reads the business hours, zones and special days
 * itself while this thread reads the polls (the one big file); then the polled stores, in report
 * order, are cut into one run per thread, each thread computes its run's rows, and the runs' rows
 * are joined in order. A store's row depends on that store alone, so the CSV is byte for byte the
 * one thread's. Polls are not copied: the reader keeps them on SharedArrayBuffers
 * (PollBuffer.toSeries), and a typed array on one reaches a thread by reference.
 *
 * Why: after the polls, the schedule files and the per-store work (sorting a store's polls,
 * building its timeline) were most of the time, and none of it needs the polls file's thread.
 */
export class EngineThreads {
  private constructor(
    private readonly workers: Worker[],
    private readonly inboxes: ThreadInbox[],
  ) {}

  /** `count` threads, started at once: they load the engine and read their files meanwhile. */
  static start(count: number, files: ScheduleFiles): EngineThreads {
    const workers = Array.from({ length: count }, (_, i) => {
      const setup: ThreadSetup = { files, sendsRejects: i === 0 };
      return new Worker(join(__dirname, 'engine-thread.js'), { workerData: setup });
    });
    return new EngineThreads(
      workers,
      workers.map((worker) => new ThreadInbox(worker)),
    );
  }

  /** Waits for the threads to read the schedule files: their rejects, or the error reading them. */
  async schedules(): Promise<{ rejects: Reject[]; specialHoursRead?: number }> {
    const messages = await Promise.all(this.inboxes.map((inbox) => inbox.next()));
    const first = expect(messages[0], 'schedules');
    for (const message of messages.slice(1)) expect(message, 'schedules');
    return { rejects: first.rejects, specialHoursRead: first.specialHoursRead };
  }

  /** The same report as the engine's buildReport on these stores with the threads' schedules. */
  async buildReport(stores: PolledStore[], options: ReportOptions): Promise<Report> {
    // The engine's order and now need only ids and polls; the schedules are the threads'.
    const inputs = stores.map((store) => ({ ...store, hours: [] }));
    const now = reportNow(inputs, options);
    if (now === undefined) return { now, rows: [] };
    const runs = cut(sortStores(inputs), this.workers.length);
    this.workers.forEach((worker, i) => {
      const task: ThreadTask = { stores: runs[i].map(({ storeId, polls }) => ({ storeId, polls })), now, options };
      worker.postMessage(task);
    });
    const answers = await Promise.all(this.inboxes.map((inbox) => inbox.next()));
    const rows: ReportRow[] = [];
    for (const answer of answers) rows.push(...expect(answer, 'rows').rows);
    return { now, rows };
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

/** The message if it is of `kind`; a thread's failure is thrown here, as the main thread would have. */
function expect<K extends ThreadMessage['kind']>(message: ThreadMessage, kind: K): Extract<ThreadMessage, { kind: K }> {
  if (message.kind === 'failed') {
    throw message.inputError ? new InputError(message.message, message.file ?? '') : new Error(message.message);
  }
  if (message.kind !== kind) throw new Error(`a report thread sent ${message.kind} where ${kind} was due`);
  return message as Extract<ThreadMessage, { kind: K }>;
}

/** `items` in `count` consecutive runs of nearly equal length. */
function cut<T>(items: T[], count: number): T[][] {
  return Array.from({ length: count }, (_, i) =>
    items.slice(Math.floor((i * items.length) / count), Math.floor(((i + 1) * items.length) / count)),
  );
}
