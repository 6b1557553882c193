import { UnrecoverableError, type Job } from 'bullmq';
import { CHUNK_QUEUE, JOB, REPORT_QUEUE } from '@store-monitor/jobs';
import { processChunk } from './chunk';
import type { Processor, WorkerContext } from './context';
import { processMerge } from './merge';
import { processPlan } from './plan';

/** Which processor runs a job, by queue and job name. */
const PROCESSORS: Record<string, Record<string, Processor>> = {
  [REPORT_QUEUE]: { [JOB.plan]: processPlan, [JOB.merge]: processMerge },
  [CHUNK_QUEUE]: { [JOB.chunk]: processChunk },
};

export const WORKER_QUEUES = Object.keys(PROCESSORS);

/** The BullMQ processor of one queue; a job of an unknown name is bad input, not a crash. */
export function queueProcessor(queueName: string, context: WorkerContext): (job: Job) => Promise<unknown> {
  const processors = PROCESSORS[queueName] ?? {};
  return async (job) => {
    const processor = Object.hasOwn(processors, job.name) ? processors[job.name] : undefined;
    if (!processor) throw new UnrecoverableError(`no processor for job "${job.name}" in queue ${queueName}`);
    return processor(job, context);
  };
}
