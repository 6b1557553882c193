import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError, RejectCollector, sourceName, type CsvSource, type Reject } from '@store-monitor/csv';
import type { Database } from '@store-monitor/db';
import type { IngestSummary } from '@store-monitor/ingest';
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
  db: Database;
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
 * transaction). The body is spooled, as it arrives, to a private temporary folder, removed whatever
 * happens (done, refused, failed, client gone): the load's transaction then opens only once the body
 * is whole and within its limit, so a slow or vanishing client never holds a connection of the pool,
 * an open transaction or a store's row locks, and a body cut short loads nothing. A CSV body is
 * spooled as sent and read as a file; a JSON body as its rows (kept for the rejects' raw rows),
 * streamed into ingest as the equivalent CSV.
 */
export async function ingestUpload(
  kind: UploadKind,
  place: UploadPlace,
  body: UploadBody,
  keep: number,
): Promise<UploadIngest> {
  const dir = await makeSpoolDir(place.tempDir);
  try {
    if (!body.json) {
      const csvPath = join(dir, 'upload.csv');
      await spool(place, body, createWriteStream(csvPath, { mode: 0o600 }));
      const { summary, rejects } = await ingestCsv(kind, place.db, csvPath, keep);
      return { summary, rejects: rejects.map(({ line, reason, raw }) => ({ line, reason, raw })) };
    }
    const rows = new JsonSpool(kind, join(dir, 'rows.jsonl'));
    await spool(place, body, rows.consume);
    const { summary, rejects } = await ingestCsv(kind, place.db, rows.csv(), keep);
    const indexes = rejects.map((reject) => rows.firstLines.rowOfLine(reject.line));
    const raw = await rows.rawRows(indexes);
    return {
      summary,
      rejects: rejects.map((reject, i) => jsonReject(kind, indexes[i], raw.get(indexes[i]) ?? '{}', reject)),
    };
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

async function ingestCsv(
  kind: UploadKind,
  db: Database,
  csv: CsvSource,
  keep: number,
): Promise<{ summary: IngestSummary; rejects: Reject[] }> {
  try {
    const rejects = new RejectCollector(keep);
    const summary = await kind.ingest(db, csv, { onReject: rejects.add, source: sourceOf(kind) });
    return { summary, rejects: rejects.kept };
  } catch (error) {
    // No header, a missing column: the body as a whole is wrong, a 400 that says why.
    if (error instanceof InputError)
      throw new HttpError(400, aboutBody(error.message, kind.readerKind, sourceName(csv)), 'Bad Request');
    throw error;
  }
}

/** The reader's message names its file; the client sent a body, not our temporary file. */
function aboutBody(message: string, readerKind: string, name: string): string {
  const body = `the ${readerKind} CSV`;
  return message.replace(`${readerKind} file ${name}`, body).split(name).join(body);
}
