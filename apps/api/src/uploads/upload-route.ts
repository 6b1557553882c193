import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { IngestSummary } from '@store-monitor/ingest';
import { DEFAULTS } from '../config';
import { bodyTypeMessage, HttpError } from '../http-error';
import { mediaType } from '../plugins/body-types';
import { bodyEncoding, refuseOtherCharsets } from './body-encoding';
import { ingestUpload, type UploadIngest } from './ingest-upload';
import type { UploadKind } from './upload-kind';
import { MAX_REJECTS_SHOWN, uploadSchema, type UploadExamples } from './upload-schema';
import { RETRY_AFTER_SECONDS, uploadSlotsOf } from './upload-slots';
import { removeStaleSpoolDirs } from './spool-dir';

/** The two body types every upload takes; any other is a 415 naming them (plugins/body-types.ts). */
export const UPLOAD_BODY_TYPES = ['text/csv', 'application/json'] as const;

/**
 * `POST <kind.route>`: a CSV file (as `store-monitor ingest` reads it) or the same rows as JSON,
 * loaded in one transaction. The answer counts the rows and lists the first rejects: by line for
 * CSV, by array index for JSON. The body is never parsed whole: the route gets the request stream
 * and spools it (uploads/ingest-upload.ts), so the schema's body part documents it but is not run
 * (the rows are checked one by one, with its messages: uploads/json-row-check.ts).
 */
export function uploadRoutes(kind: UploadKind, examples: UploadExamples): FastifyPluginAsync {
  return async (app) => {
    const config = app.config;
    const tempDir = config.uploadTempDir ?? tmpdir();
    const slots = uploadSlotsOf(config, config.uploadConcurrency ?? DEFAULTS.uploadConcurrency);
    const removed = await removeStaleSpoolDirs(tempDir);
    if (removed.length > 0)
      app.log.info({ tempDir, removed }, 'removed the upload folders of API processes that are gone');

    // Both types reach the route as the request stream, unread.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser([...UPLOAD_BODY_TYPES], (_request, payload, done) => done(null, payload));

    const options = {
      schema: uploadSchema(kind, examples),
      validatorCompiler: () => (body: unknown) => ({ value: body }),
      config: { bodyTypes: UPLOAD_BODY_TYPES },
    };
    app.post(kind.route, options, async (request, reply) => {
      const payload = request.body as Readable | undefined;
      // No Content-Type and no body: nothing to read as either type.
      if (payload === undefined)
        throw new HttpError(
          415,
          bodyTypeMessage(`POST ${kind.route}`, UPLOAD_BODY_TYPES, request.headers['content-type']),
        );
      refuseOtherCharsets(request);
      const encoding = bodyEncoding(request);
      refuseDeclaredOversize(request, config.bodyLimitBytes);
      const release = takeSlot(slots, reply);
      try {
        const json = mediaType(request.headers['content-type'] ?? '') === 'application/json';
        const place = { db: app.db, tempDir, limit: config.bodyLimitBytes };
        const loaded = await ingestUpload(kind, place, { payload, encoding, json }, MAX_REJECTS_SHOWN);
        app.metrics.countIngest(kind.route.slice(1), loaded.summary);
        return answer(loaded);
      } finally {
        release();
      }
    });
  };
}

/** A Content-Length over the limit is refused before a byte of the body is read. */
function refuseDeclaredOversize(request: FastifyRequest, limit: number): void {
  const length = Number(request.headers['content-length']);
  if (length > limit) {
    throw new HttpError(413, `the request body is over this route's limit of ${limit} bytes`);
  }
}

function takeSlot(slots: ReturnType<typeof uploadSlotsOf>, reply: FastifyReply): () => void {
  try {
    return slots.take();
  } catch (error) {
    void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    throw error;
  }
}

/** The counts of a load and the rejects listed, as the route answers them. */
function answer({ summary, rejects }: UploadIngest) {
  const { read, inserted, updated, duplicates, rejected }: IngestSummary = summary;
  return { read, inserted, updated, duplicates, rejected, rejects };
}
