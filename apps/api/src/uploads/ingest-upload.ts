import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError, RejectCollector, type Reject } from '@store-monitor/csv';
import type { IngestSummary } from '@store-monitor/db';
import { HttpError } from '../http-error';
import type { BodyEncoding } from './body-encoding';
import { pipeBody } from './body-stream';
import { jsonReject, type JsonReject } from './json-rejects';
import { JsonSpool } from './json-spool';
import { makeSpoolDir, removeSpoolDir, spoolFailure } from './spool-dir';
import { sourceOf, type UploadKind } from './upload-kind';

/** A body on its way in: the request's stream, how it is encoded, and which of the two types it is. */
export interface UploadBody {
  payload: Readable;
  encoding: BodyEncoding;
  json: boolean;
}

export interface UploadPlace {
  databaseUrl: string;
  /** Where the upload's private folder is made. */
  tempDir: string;
  /** The most bytes the body may have, as sent and decompressed. */
  limit: number;
}

export interface UploadIngest {
  summary: IngestSummary;
  /** The first `keep` rejects, in file order: by line for CSV, by index for JSON. */
  rejects: Array<Pick<Reject, 'line' | 'reason' | 'raw'> | JsonReject>;
}

/**
 * Loads a body exactly as `store-monitor ingest` loads a file (same reader, rejects and single
 * transaction): the body is spooled, as it arrives, to a file in a private temporary folder (JSON as
 * the equivalent CSV), which is removed whatever happens (done, refused, failed, client gone).
 */
export async function ingestUpload(kind: UploadKind, place: UploadPlace, body: UploadBody, keep: number): Promise<UploadIngest> {
  const dir = await makeSpoolDir(place.tempDir);
  try {
    const csvPath = join(dir, 'upload.csv');
    if (!body.json) {
      await spool(place, body, createWriteStream(csvPath, { mode: 0o600 }));
      const { summary, rejects } = await ingestFile(kind, place.databaseUrl, csvPath, keep);
      return { summary, rejects: rejects.map(({ line, reason, raw }) => ({ line, reason, raw })) };
    }
    const rows = new JsonSpool(kind, csvPath, join(dir, 'rows.jsonl'));
    await spool(place, body, rows.consume);
    const { summary, rejects } = await ingestFile(kind, place.databaseUrl, csvPath, keep);
    const indexes = rejects.map((reject) => rows.firstLines.rowOfLine(reject.line));
    const raw = await rows.rawRows(indexes);
    return { summary, rejects: rejects.map((reject, i) => jsonReject(kind, indexes[i], raw.get(indexes[i]) ?? '{}', reject)) };
  } finally {
    await removeSpoolDir(dir);
  }
}

async function spool(place: UploadPlace, body: UploadBody, destination: Parameters<typeof pipeBody>[3]): Promise<void> {
  try {
    await pipeBody(body.payload, body.encoding, place.limit, destination);
  } catch (error) {
    throw spoolFailure(error, place.tempDir);
  }
}

async function ingestFile(kind: UploadKind, databaseUrl: string, path: string, keep: number): Promise<{ summary: IngestSummary; rejects: Reject[] }> {
  try {
    const rejects = new RejectCollector(keep);
    const summary = await kind.ingest(databaseUrl, path, { onReject: rejects.add, source: sourceOf(kind) });
    return { summary, rejects: rejects.kept };
  } catch (error) {
    // No header, a missing column: the body as a whole is wrong, a 400 that says why.
    if (error instanceof InputError) throw new HttpError(400, aboutBody(error.message, kind.readerKind, path), 'Bad Request');
    throw error;
  }
}

/** The reader's message names its file; the client sent a body, not our temporary file. */
function aboutBody(message: string, readerKind: string, path: string): string {
  const body = `the ${readerKind} CSV`;
  return message.replace(`${readerKind} file ${path}`, body).split(path).join(body);
}
