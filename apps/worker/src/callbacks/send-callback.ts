import { UnrecoverableError, type Job } from 'bullmq';
import { callbackPayloadSchema, callbackUrlProblem, SIGNATURE_HEADER, signCallback } from '@store-monitor/jobs';
import { oneLine } from '@store-monitor/service';
import { parsePayload, type WorkerContext } from '../processors/context';

/** Sent with each callback, so a receiver's logs say who called. */
const USER_AGENT = 'store-monitor-callbacks/1';

/**
 * Processes a callback job: POSTs its body, signed, to its URL. A network error, a timeout or any
 * answer other than 2xx throws, and BullMQ retries with backoff; a redirect is not followed (it
 * could lead anywhere) and counts as a failed attempt. What retrying cannot fix fails at once: a
 * host no longer allowed, a worker without CALLBACK_SECRET, a bad payload.
 */
export async function processCallback(job: Job, context: WorkerContext): Promise<unknown> {
  const payload = parsePayload(callbackPayloadSchema, job.data, job.name);
  const { secret, allowedHosts, timeoutMs } = context.config.callbacks;
  const problem = callbackUrlProblem(payload.callbackUrl, allowedHosts);
  if (problem !== undefined) throw new UnrecoverableError(`callback_url refused: ${problem}`);
  if (secret === undefined) throw new UnrecoverableError('this worker has no CALLBACK_SECRET to sign callbacks with');

  const body = JSON.stringify(payload.body);
  const started = performance.now();
  const status = await post(payload.callbackUrl, body, signCallback(body, secret), timeoutMs);
  const fields = { report: payload.reportId, status, attempt: job.attemptsMade + 1 };
  if (status < 200 || status > 299) throw new Error(`the callback answered ${status}${redirectNote(status)}`);
  context.log.info({ ...fields, ms: Math.round(performance.now() - started) }, 'callback delivered');
  return { status };
}

/** The answer's status; its body is read and dropped, so the connection can be reused. */
async function post(url: string, body: string, signature: string, timeoutMs: number): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, [SIGNATURE_HEADER]: signature },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`the callback could not be sent: ${describe(error)}`);
  }
  await response.body?.cancel().catch(() => undefined);
  return response.status;
}

function redirectNote(status: number): string {
  return status >= 300 && status < 400 ? ' (a redirect, which is not followed)' : '';
}

/** fetch's "fetch failed" says nothing: its cause does (ECONNREFUSED, a timeout). */
function describe(error: unknown): string {
  // A DOMException, which is not an Error of every realm: known by its name.
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') return 'no answer within CALLBACK_TIMEOUT';
  const cause = (error as { cause?: unknown }).cause;
  return oneLine(cause ?? error);
}
