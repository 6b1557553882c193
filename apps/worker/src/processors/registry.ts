import { UnrecoverableError, type Job } from 'bullmq';
import { CALLBACK_JOB, CALLBACK_QUEUE, CHUNK_QUEUE, JOB, REPORT_QUEUE } from '@store-monitor/jobs';
import { processCallback } from '../callbacks/send-callback';
import { processChunk } from './chunk';
import type { Processor, WorkerContext } from './context';
import { processMerge } from './merge';
import { processPlan } from './plan';

/** Which processor runs a job, by queue and job name. */
const PROCESSORS: Record<string, Record<string, Processor>> = {
  [REPORT_QUEUE]: { [JOB.plan]: processPlan, [JOB.merge]: processMerge },
  [CHUNK_QUEUE]: { [JOB.chunk]: processChunk },
  [CALLBACK_QUEUE]: { [CALLBACK_JOB]: processCallback },
};

/** Runs a job of `queueName` by its name; a job of an unknown name is bad input, not a crash. */
export async function processJob(queueName: string, job: Job, context: WorkerContext): Promise<unknown> {
  const processors = PROCESSORS[queueName] ?? {};
  const processor = Object.hasOwn(processors, job.name) ? processors[job.name] : undefined;
  if (!processor) throw new UnrecoverableError(`no processor for job "${job.name}" in queue ${queueName}`);
  return processor(job, context);
}
