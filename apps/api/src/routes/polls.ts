import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error';
import { ingestPollsBody } from '../polls/ingest-body';
import { pollIndexOfLine, pollsToCsv, type PollsCsv } from '../polls/polls-csv';
import { MAX_REJECTS_SHOWN, postPollsSchema, type PollsJsonBody } from '../schemas/polls';

export const pollsRoutes: FastifyPluginAsync = async (app) => {
  const bodyLimit = app.config.bodyLimitBytes;
  // Only the two documented types: a text/plain body is more likely a mistake than a polls file.
  app.removeContentTypeParser('text/plain');
  // The CSV is kept as text for the schema check; the reader decodes it the same either way.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));

  app.post<{ Body: string | PollsJsonBody }>('/polls', { schema: postPollsSchema, bodyLimit, preValidation: refuseNonTextFields }, async (request) => {
    const body = request.body;
    const json = typeof body === 'string' ? undefined : pollsToCsv(body.polls);
    const csv = typeof body === 'string' ? body : (json as PollsCsv).text;
    const { summary, rejects } = await ingestPollsBody(app.config.databaseUrl, csv, MAX_REJECTS_SHOWN);
    // A JSON client also gets each reject's position in its polls array.
    const where = (line: number) => (json === undefined ? { line } : { line, index: pollIndexOfLine(json.firstLines, line) });
    const { read, inserted, updated, duplicates, rejected } = summary;
    return { read, inserted, updated, duplicates, rejected, rejects: rejects.map((r) => ({ ...where(r.line), reason: r.reason, raw: r.raw })) };
  });
};

const POLL_FIELDS = ['store_id', 'status', 'timestamp_utc'] as const;

/**
 * The schema check coerces types (Fastify's default, which the query strings need): a number would
 * become its text. For polls that is wrong: a 64-bit store id sent as a JSON number has already
 * lost digits in JSON.parse, and `true` is no status. So every poll field must be a string or null
 * as sent; anything else is a 400 naming it, before the schema runs.
 */
async function refuseNonTextFields(request: FastifyRequest): Promise<void> {
  const polls = (request.body as { polls?: unknown } | null | undefined)?.polls;
  if (typeof request.body !== 'object' || !Array.isArray(polls)) return;
  for (let i = 0; i < polls.length; i++) {
    const poll = polls[i] as Record<string, unknown> | null;
    if (typeof poll !== 'object' || poll === null || Array.isArray(poll)) continue; // the schema says it
    for (const field of POLL_FIELDS) {
      const value = poll[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new HttpError(400, `body/polls/${i}/${field} must be string,null`, 'Bad Request');
      }
    }
  }
}
