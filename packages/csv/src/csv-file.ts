import { closeSync, openSync, read } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CsvBytes } from './csv-bytes';
import { CsvRows } from './csv-rows';
import { InputError } from './input-error';
import type { ReadCounts, ReadOptions } from './read-options';
import type { RowSink } from './row-sink';

/**
 * CsvBytes's buffer, 64 KiB: the most it hands to the text path at once. A string of 128 KiB or
 * more is allocated in V8's large-object space, on freshly mapped memory, and first touches of
 * memory are slow (several ms per MB on the benchmark VMs); smaller ones stay in the young
 * generation, whose pages are reused. (Measured when every chunk was decoded: readPolls took about
 * 1.7 times as long with 128 KiB to 1 MiB chunks.)
 */
const CHUNK_BYTES = 64 * 1024;

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
 * The file is read into two buffers in turn: while one is parsed, libuv's thread pool reads the
 * next into the other, so the reads (about 7% of the polls report on one thread) overlap the
 * parsing. Plain reads rather than a ReadStream: on the 136 MB benchmark file the stream
 * machinery alone cost about 0.3 s. Each chunk's await gives the event loop a turn, so timers and
 * signals are served during long reads.
 */
async function readCsvFile(path: string, kind: string, sink: RowSink, opts: ReadOptions): Promise<ReadCounts> {
  const totalBytes = await fileSize(path, kind);
  const rows = new CsvRows(path, kind, sink, opts.onReject);
  const bytes = new CsvBytes(rows, CHUNK_BYTES);
  const fd = attempt(() => openSync(path, 'r'), path, kind);
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  const readInto = (buffer: Buffer) =>
    new Promise<number>((resolve, reject) =>
      read(fd, buffer, 0, buffer.length, null, (error, size) =>
        error ? reject(unreadable(path, kind, error)) : resolve(size),
      ),
    );
  let next = readInto(buffers[0]);
  try {
    let bytesRead = 0;
    for (let read = 0; ; read++) {
      const size = await next;
      if (size === 0) break;
      next = readInto(buffers[(read + 1) % 2]);
      for (let from = 0; from < size; from += CHUNK_BYTES) {
        const piece = buffers[read % 2].subarray(from, Math.min(from + CHUNK_BYTES, size));
        bytesRead += piece.length;
        bytes.write(piece);
        opts.onProgress?.(bytesRead, totalBytes);
        const drained = opts.afterChunk?.();
        if (drained) await drained;
      }
    }
  } finally {
    // A read still running when parsing failed must end before its file is closed under it.
    await next.catch(() => 0);
    closeSync(fd);
  }
  bytes.end();
  return { read: rows.read, rejected: rows.rejected };
}

/**
 * Bytes per read: 1 MiB, handed on in CHUNK_BYTES pieces so that a reader's afterChunk (ingest's
 * batches) still comes every 64 KiB. Measured, reading the 127 MB benchmark file and nothing else:
 * 50 ms of CPU time in 64 KiB reads (each a trip through libuv's thread pool and a promise), 13 ms
 * in 1 MiB reads.
 */
const READ_BYTES = 16 * CHUNK_BYTES;

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
