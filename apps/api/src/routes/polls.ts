import type { FastifyPluginAsync } from 'fastify';
import { ingestPollsBody } from '../polls/ingest-body';
import { pollIndexOfLine, pollsToCsv, type PollsCsv } from '../polls/polls-csv';
import { MAX_REJECTS_SHOWN, postPollsSchema, type PollsJsonBody } from '../schemas/polls';

export const pollsRoutes: FastifyPluginAsync = async (app) => {
  const bodyLimit = app.config.bodyLimitBytes;
  // Only the two documented types: a text/plain body is more likely a mistake than a polls file.
  app.removeContentTypeParser('text/plain');
  // The CSV is kept as text for the schema check; the reader decodes it the same either way.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));

  app.post<{ Body: string | PollsJsonBody }>('/polls', { schema: postPollsSchema, bodyLimit }, async (request) => {
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
