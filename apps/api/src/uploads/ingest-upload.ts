import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, RejectCollector, type Reject } from '@store-monitor/csv';
import type { IngestSummary } from '@store-monitor/db';
import { HttpError } from '../http-error';
import { sourceOf, type UploadKind } from './upload-kind';

export interface UploadIngest {
  summary: IngestSummary;
  /** The first `keep` rejects, in file order. */
  rejects: Reject[];
}

/**
 * Loads a CSV body exactly as `store-monitor ingest` loads a file (same reader, rejects and single
 * transaction), by writing it to a private temporary file that is removed afterwards.
 */
export async function ingestUpload(kind: UploadKind, databaseUrl: string, csv: string, keep: number): Promise<UploadIngest> {
  const dir = await mkdtemp(join(tmpdir(), 'store-monitor-api-upload-'));
  const path = join(dir, 'upload.csv');
  try {
    await writeFile(path, csv, { mode: 0o600 });
    const rejects = new RejectCollector(keep);
    const summary = await kind.ingest(databaseUrl, path, { onReject: rejects.add, source: sourceOf(kind) });
    return { summary, rejects: rejects.kept };
  } catch (error) {
    // No header, a missing column: the body as a whole is wrong, a 400 that says why.
    if (error instanceof InputError) throw new HttpError(400, aboutBody(error.message, kind.readerKind, path), 'Bad Request');
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The reader's message names its file; the client sent a body, not our temporary file. */
function aboutBody(message: string, readerKind: string, path: string): string {
  const body = `the ${readerKind} CSV`;
  return message.replace(`${readerKind} file ${path}`, body).split(path).join(body);
}
