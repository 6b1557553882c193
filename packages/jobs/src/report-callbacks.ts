import { createHmac } from 'node:crypto';
import type { JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';

/**
 * Report callbacks: when a report with a callback_url completes or fails, a worker adds one job to
 * this queue, and a worker POSTs its body there. A job of its own, so the POST is retried with
 * backoff on BullMQ's schedule without holding up, or failing, the report.
 */
export const CALLBACK_QUEUE = 'report-callbacks';
export const CALLBACK_JOB = 'callback';

/** One callback job per report: adding it again (a merge retried after a crash) is a no-op. */
export function callbackJobId(reportId: string): string {
  return `${reportId}-callback`;
}

/**
 * What the receiver gets, as JSON in this key order. `rows` is the report's row count when it
 * completed (null when it failed); `url` is where to fetch it (GET /get_report); `error` is the
 * failed report's reason (null when it completed).
 */
export const callbackBodySchema = z.object({
  report_id: z.uuid(),
  status: z.enum(['complete', 'failed']),
  rows: z.number().int().nonnegative().nullable(),
  url: z.string(),
  error: z.string().nullable(),
});
export type CallbackBody = z.infer<typeof callbackBodySchema>;

/** The job's data: where to send, and the body, fixed when the report finished. */
export const callbackPayloadSchema = z.object({
  reportId: z.uuid(),
  callbackUrl: z.string(),
  body: callbackBodySchema,
});
export type CallbackPayload = z.infer<typeof callbackPayloadSchema>;

/** How often and how patiently a callback is retried: the worker's CALLBACK_ATTEMPTS and CALLBACK_BACKOFF. */
export interface CallbackRetries {
  attempts: number;
  /** The wait before the first retry; it doubles on each next one. */
  backoffMs: number;
}

export function callbackJobOptions(retries: CallbackRetries): JobsOptions {
  return {
    attempts: retries.attempts,
    backoff: { type: 'exponential', delay: retries.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
  };
}

/** Adds a report's callback job; a payload that breaks the schema throws before anything is added. */
export async function enqueueCallback(queue: Queue, payload: CallbackPayload, retries: CallbackRetries): Promise<void> {
  const data = callbackPayloadSchema.parse(payload);
  await queue.add(CALLBACK_JOB, data, { ...callbackJobOptions(retries), jobId: callbackJobId(data.reportId) });
}

/** The header that carries the signature, and its scheme. */
export const SIGNATURE_HEADER = 'x-signature';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with CALLBACK_SECRET>`. */
export function signCallback(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
