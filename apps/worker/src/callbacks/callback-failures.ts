import type { Job } from 'bullmq';
import { oneLine } from '@store-monitor/service';
import type { WorkerContext } from '../processors/context';

/**
 * A callback that fails says so, and whether it will be tried again. It never touches its report:
 * the report is finished whatever the receiver answers.
 */
export function failedCallbackListener(context: WorkerContext) {
  return (job: Job | undefined, error: Error): void => {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const fields = { report: job.data?.reportId, job: job.id, attempt: job.attemptsMade, error: oneLine(error) };
    const final = error.name === 'UnrecoverableError' || job.attemptsMade >= attempts;
    if (final) context.log.error({ ...fields, attempts }, 'callback given up');
    else context.log.warn({ ...fields, retryInMs: job.delay }, 'callback will retry');
  };
}
