import { closeSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvBytes } from './csv-bytes';
import { CsvRows } from './csv-rows';
import { InputError } from './input-error';
import type { ReadCounts, ReadOptions } from './read-options';
import type { RowSink } from './row-sink';

/**
 * 64 KiB. Measured on a 2.35M-row polls file: readPolls takes about 1.7 times as long with 128 KiB
 * to 1 MiB chunks. A string of 128 KiB or more is allocated in V8's large-object space, on freshly
 * mapped memory, and first touches of memory are slow (several ms per MB on the benchmark VMs);
 * smaller chunks stay in the young generation, whose pages are reused.
 */
const CHUNK_BYTES = 64 * 1024;

/** Chunks between two turns of the event loop, so timers and signals are served during long reads. */
const CHUNKS_PER_TURN = 64;

/**
 * CSV text that is not a file of its own: an upload's body, say. `name` stands for the file in
 * messages and rejects; `bytes` is UTF-8, read to its end (its errors are passed on as they are).
 */
export interface CsvStream {
  name: string;
  bytes: AsyncIterable<Buffer | string>;
}

/** A file's path or a stream of CSV text: what every reader reads. */
export type CsvSource = string | CsvStream;

/** The name a source goes by in messages and rejects: a file's path, a stream's name. */
export const sourceName = (source: CsvSource): string => (typeof source === 'string' ? source : source.name);

/** Streams one CSV source through `sink`. `kind` names the file in messages ("polls", "time zones"). */
export function readCsv(source: CsvSource, kind: string, sink: RowSink, opts: ReadOptions = {}): Promise<ReadCounts> {
  return typeof source === 'string' ? readCsvFile(source, kind, sink, opts) : readCsvStream(source, kind, sink, opts);
}

/**
 * Chunks are read with plain synchronous reads into one reused buffer rather than a ReadStream:
 * measured on the 136 MB benchmark file, the stream machinery alone costs about 0.3 s, six times
 * the reads and the UTF-8 decoding together. Memory stays one chunk; the event loop gets a turn
 * every CHUNKS_PER_TURN chunks.
 */
async function readCsvFile(path: string, kind: string, sink: RowSink, opts: ReadOptions): Promise<ReadCounts> {
  const totalBytes = await fileSize(path, kind);
  const rows = new CsvRows(path, kind, sink, opts.onReject);
  const bytes = new CsvBytes(rows, CHUNK_BYTES);
  const fd = attempt(() => openSync(path, 'r'), path, kind);
  try {
    let bytesRead = 0;
    for (let chunk = 1; ; chunk++) {
      const room = bytes.buffer.length - bytes.carried;
      const size = attempt(() => readSync(fd, bytes.buffer, bytes.carried, room, null), path, kind);
      if (size === 0) break;
      bytesRead += size;
      bytes.filled(size);
      opts.onProgress?.(bytesRead, totalBytes);
      const drained = opts.afterChunk?.();
      if (drained) await drained;
      if (chunk % CHUNKS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
  bytes.end();
  return { read: rows.read, rejected: rows.rejected };
}

/** A stream's total is unknown: progress is reported with the bytes read so far as the total. */
async function readCsvStream(source: CsvStream, kind: string, sink: RowSink, opts: ReadOptions): Promise<ReadCounts> {
  const rows = new CsvRows(source.name, kind, sink, opts.onReject);
  const bytes = new CsvBytes(rows, CHUNK_BYTES);
  let bytesRead = 0;
  for await (const chunk of source.bytes) {
    const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytesRead += piece.length;
    bytes.write(piece);
    opts.onProgress?.(bytesRead, bytesRead);
    const drained = opts.afterChunk?.();
    if (drained) await drained;
  }
  bytes.end();
  return { read: rows.read, rejected: rows.rejected };
}

function attempt<T>(io: () => T, path: string, kind: string): T {
  try {
    return io();
  } catch (error) {
    throw unreadable(path, kind, error);
  }
}

async function fileSize(path: string, kind: string): Promise<number> {
  const stats = await stat(path).catch((error: unknown) => {
    throw unreadable(path, kind, error);
  });
  if (stats.isDirectory()) throw new InputError(`cannot read ${kind} file ${path}: it is a directory`, path);
  return stats.size;
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
};

function unreadable(path: string, kind: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = (code !== undefined && SYSTEM_REASONS[code]) || (error instanceof Error ? error.message : String(error));
  return new InputError(`cannot read ${kind} file ${path}: ${why}`, path);
}
