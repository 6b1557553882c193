import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { MAX_GAP_FORMS, parseMaxGap, parseTimestamp } from '@store-monitor/csv';
import { pollBoundsOf } from '@store-monitor/report-reader';
import { asOfProblem, formatInstant } from '@store-monitor/engine';
import { callbackUrlProblem, enqueueReport, writeRefusal, type Policy } from '@store-monitor/jobs';
import { HttpError, serviceUnavailable, shown } from '../http-error';
import { AS_OF_FORMS, triggerReportSchema, type TriggerReportBody } from '../schemas/trigger-report';
import { withTimeout } from '../timeout';
import { fingerprint, idempotencyKeyOf, reserve, type Reservation } from '../trigger/idempotency';

/**
 * The most a plan job's enqueue may take. A ready connection answers in about a millisecond; this
 * only bounds a connection that hangs without failing, so the request never does.
 */
export const ENQUEUE_TIMEOUT_MS = 750;

export const triggerReportRoutes: FastifyPluginAsync = async (app) => {
  acceptEmptyJsonBody(app);

  const options = {
    schema: triggerReportSchema,
    // rateLimit: {} takes TRIGGER_RATE_LIMIT as plugins/rate-limit.ts registered it (when it is on).
    config: { bodyTypes: ['application/json'], rateLimit: {} },
    // No body at all means all defaults; the schema then checks (and fills in) an empty object.
    preValidation: async (request: { body: unknown }) => {
      request.body ??= {};
    },
  };
  app.post<{ Body: TriggerReportBody }>('/trigger_report', options, async (request, reply) => {
    const asOf = parseAsOf(request.body.as_of);
    const maxGapMs = parseMaxGapField(request.body.max_gap);
    const callbackUrl = checkCallbackUrl(app, request.body.callback_url);
    const key = idempotencyKeyOf(request.headers);
    if (asOf !== null) await refuseOutsideData(app, asOf);
    const policy = request.body.policy ?? 'nearest';
    // Without Redis the report could never run: refuse before writing anything.
    if (!app.redisReady()) throw serviceUnavailable('The report queue (Redis)');

    const meaning = { asOf, policy, maxGapMs, callbackUrl };
    const claim = key === undefined ? undefined : await claimKey(app, key, fingerprint(meaning));
    if (claim?.kind === 'replay')
      return reply.code(202).header('idempotent-replayed', 'true').send({ report_id: claim.reportId });
    let reportId: string;
    try {
      reportId = await createAndEnqueue(app, request.log, meaning);
    } catch (error) {
      // The key stays free for the client's retry of the same request.
      await claim?.release().catch(() => undefined);
      throw error;
    }
    // The report is queued whatever happens to the key: a key not kept only means no replay later.
    await claim
      ?.commit(reportId)
      .catch((error: unknown) => request.log.warn({ err: error }, 'idempotency key not kept'));
    return reply.code(202).send({ report_id: reportId });
  });
};

interface ReportMeaning {
  asOf: number | null;
  policy: Policy;
  maxGapMs: number | null;
  callbackUrl: string | null;
}

/** The reservation of an Idempotency-Key, Redis failing as every other Redis command of this route does. */
async function claimKey(app: FastifyInstance, key: string, print: string): Promise<Reservation> {
  try {
    return await reserve(app.redis, app.config.queuePrefix, key, print);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw serviceUnavailable('The report queue (Redis)');
  }
}

/** Writes the report's record and adds its plan job; a report that could not be queued is removed. */
async function createAndEnqueue(app: FastifyInstance, log: FastifyBaseLogger, meaning: ReportMeaning): Promise<string> {
  const { asOf, policy, maxGapMs, callbackUrl } = meaning;
  // On the record too: the stale-report sweep re-enqueues from it, and the listings show it.
  const report = await app.reports.create({ asOf, policy, maxGapMs, callbackUrl });
  try {
    // As ISO UTC text with its microseconds, which a Date would drop: whatever form was sent.
    const asOfText = asOf === null ? null : formatInstant(asOf);
    // No maxGapMs key at all when unset: the job of a plain report stays as it always was.
    const job = { reportId: report.id, asOf: asOfText, policy, ...(maxGapMs === null ? {} : { maxGapMs }) };
    await withTimeout(enqueueReport(app.queues.reports, job), ENQUEUE_TIMEOUT_MS, 'Redis');
  } catch (error) {
    // A report that was never queued would show as Running forever.
    log.warn({ err: error, reportId: report.id }, 'could not enqueue the report; removing it');
    await app.reports.remove(report.id).catch((removeError: unknown) => {
      log.error({ err: removeError, reportId: report.id }, 'could not remove the unqueued report');
    });
    const refusal = writeRefusal(error);
    throw refusal
      ? new HttpError(503, `${refusal}; the report was not queued. Try again once Redis has room`)
      : serviceUnavailable('The report queue (Redis)');
  }
  return report.id;
}

/**
 * The callback_url as sent, once it is an absolute http(s) URL to a host in CALLBACK_ALLOWED_HOSTS;
 * null when not sent. The worker checks the host again before each attempt.
 */
function checkCallbackUrl(app: FastifyInstance, text: string | undefined): string | null {
  if (text === undefined) return null;
  const problem = callbackUrlProblem(text, app.config.callbackAllowedHosts);
  if (problem !== undefined) throw new HttpError(400, `body/callback_url ${problem}; got ${shown(text)}`);
  return text;
}

/**
 * Epoch milliseconds (microseconds kept as a fraction), read exactly as `store-monitor report
 * --as-of` and the polls reader read a timestamp; there is no schema format check, so this is the
 * one message for every unreadable value.
 */
function parseAsOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const instant = parseTimestamp(text);
  if (instant === null)
    throw new HttpError(400, `body/as_of must be an instant such as ${AS_OF_FORMS}; got ${shown(text)}`);
  return instant;
}

/** The max gap in ms, read as `store-monitor report --max-gap` reads it; null when not sent. */
function parseMaxGapField(text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = parseMaxGap(text);
  if (ms === undefined) throw new HttpError(400, `body/max_gap must be ${MAX_GAP_FORMS}; got ${shown(text)}`);
  return ms;
}

/** An as_of before the first poll or long after the latest gives a believable but empty or stale report. */
async function refuseOutsideData(app: Parameters<FastifyPluginAsync>[0], asOf: number): Promise<void> {
  const problem = asOfProblem(asOf, await pollBoundsOf(app.prisma), app.config.asOfMarginMs);
  if (problem !== undefined) throw new HttpError(400, problem);
}

/**
 * Every field is optional, so `POST /trigger_report` with `Content-Type: application/json` and no
 * body means "all defaults" rather than Fastify's empty-body error. Scoped to this route's plugin.
 */
function acceptEmptyJsonBody(app: Parameters<FastifyPluginAsync>[0]): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString(); // parseAs 'string': already a string
    if (text.trim() === '') done(null, undefined);
    else parseJson(request, text, done);
  });
}
