import { WaitingError, type Job } from 'bullmq';
import type { Processor } from '@store-monitor/jobs';
import { oneLine, type LogWriter } from '@store-monitor/service';

/** Why a job's work was abandoned: the worker is stopping, not the job failing. */
class HandedBack extends Error {}

/**
 * Lets a stopping worker give a running job back: when BullMQ aborts the job's signal
 * (Worker#cancelAllJobs), the job returns to the front of its queue without its lock, so another
 * worker takes it at once instead of after the lock expires and the stalled-job check runs.
 * The abandoned work goes on in the background until the process exits; its result is ignored,
 * and every processor is safe to run again (chunks are pure, plan and merge check first).
 */
export function handingBack(processor: (job: Job) => Promise<unknown>, log: LogWriter): Processor {
  // Three parameters: BullMQ passes an abort signal only to processors that declare it.
  return async (job, token, signal) => {
    const work = processor(job);
    if (token === undefined || signal === undefined) return work;
    try {
      return await Promise.race([work, abortion(signal)]);
    } catch (error) {
      if (!(error instanceof HandedBack)) throw error;
      work.catch(() => undefined);
      await moveToWait(job, token, log);
      // Tells BullMQ the job has already moved: it neither fails nor completes it.
      throw new WaitingError();
    }
  };
}

function abortion(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new HandedBack());
    else signal.addEventListener('abort', () => reject(new HandedBack()), { once: true });
  });
}

/** If Redis cannot take it back now, the lock expires and the stalled-job check hands it on later. */
async function moveToWait(job: Job, token: string, log: LogWriter): Promise<void> {
  try {
    await job.moveToWait(token);
    log.info({ queue: job.queueName, job: job.id }, 'job handed back');
  } catch (error) {
    log.error({ queue: job.queueName, job: job.id, error: oneLine(error) }, 'job not handed back');
  }
}
