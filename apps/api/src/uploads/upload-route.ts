import type { FastifyPluginAsync } from 'fastify';
import type { IngestSummary } from '@store-monitor/db';
import { ingestUpload } from './ingest-upload';
import { jsonReject } from './json-rejects';
import { jsonRowsToCsv, type JsonRow } from './json-rows';
import { refuseNonTextFields } from './text-fields';
import type { UploadKind } from './upload-kind';
import { MAX_REJECTS_SHOWN, uploadSchema, type UploadExamples } from './upload-schema';

/** The two body types every upload takes; any other is a 415 naming them (plugins/body-types.ts). */
export const UPLOAD_BODY_TYPES = ['text/csv', 'application/json'] as const;

/**
 * `POST <kind.route>`: a CSV file (as `store-monitor ingest` reads it) or the same rows as JSON,
 * loaded in one transaction. The answer counts the rows and lists the first rejects: by line for
 * CSV, by array index for JSON.
 */
export function uploadRoutes(kind: UploadKind, examples: UploadExamples): FastifyPluginAsync {
  return async (app) => {
    const bodyLimit = app.config.bodyLimitBytes;
    // The CSV is kept as text for the schema check; the reader decodes it the same either way.
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));

    const options = { schema: uploadSchema(kind, examples), bodyLimit, config: { bodyTypes: UPLOAD_BODY_TYPES }, preValidation: refuseNonTextFields(kind) };
    app.post<{ Body: string | Record<string, JsonRow[]> }>(kind.route, options, async (request) => {
      const body = request.body;
      const databaseUrl = app.config.databaseUrl;
      if (typeof body === 'string') {
        const { summary, rejects } = await ingestUpload(kind, databaseUrl, body, MAX_REJECTS_SHOWN);
        return answer(summary, rejects.map(({ line, reason, raw }) => ({ line, reason, raw })));
      }
      const rows = body[kind.arrayKey];
      const csv = jsonRowsToCsv(kind, rows);
      const { summary, rejects } = await ingestUpload(kind, databaseUrl, csv.text, MAX_REJECTS_SHOWN);
      return answer(summary, rejects.map((reject) => jsonReject(kind, rows, csv, reject)));
    });
  };
}

/** The counts of a load and the rejects listed, as the route answers them. */
function answer({ read, inserted, updated, duplicates, rejected }: IngestSummary, rejects: object[]) {
  return { read, inserted, updated, duplicates, rejected, rejects };
}
