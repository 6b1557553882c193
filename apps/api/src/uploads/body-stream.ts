import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createInflate } from 'node:zlib';
import { HttpError } from '../http-error';
import type { BodyEncoding } from './body-encoding';

/** Where the decoded body goes: a file stream, or an async function that reads it. */
export type BodyDestination = Writable | ((source: AsyncIterable<Buffer>) => Promise<void>);

/**
 * Pipes a request body, as it arrives, to `destination`: decompressed when it is gzip or deflate,
 * and refused with 413 as soon as either the bytes sent or the bytes they decompress to pass
 * `limit` (so a small gzip bomb stops at the limit, not at the end of the disk).
 */
export async function pipeBody(
  payload: Readable,
  encoding: BodyEncoding,
  limit: number,
  destination: BodyDestination,
): Promise<void> {
  const sent = byteLimit(limit, `the request body is over this route's limit of ${limit} bytes`);
  // Piped rather than in the pipeline: a failed pipeline destroys its source, and destroying a
  // request closes its socket before the answer saying why is written.
  const cut = (error?: Error): void => {
    if (!payload.readableEnded) sent.destroy(error ?? Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
  };
  payload.on('error', cut);
  payload.on('close', cut);
  payload.pipe(sent);
  try {
    if (encoding === 'identity') await pipeline(sent, destination);
    else {
      const decoded = byteLimit(limit, `the request body, decompressed, is over this route's limit of ${limit} bytes`);
      await pipeline(sent, encoding === 'gzip' ? createGunzip() : createInflate(), decoded, destination);
    }
  } catch (error) {
    // The rest of a refused body is read and dropped, so the client gets the answer.
    payload.unpipe(sent);
    payload.resume();
    throw bodyFailure(error, encoding);
  } finally {
    payload.off('error', cut);
    payload.off('close', cut);
  }
}

/** Passes bytes on until more than `limit` have passed, then fails with a 413. */
function byteLimit(limit: number, message: string): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) done(new HttpError(413, message));
      else done(null, chunk);
    },
  });
}

/** A broken compressed body or a client gone midway, said as such; other errors as they are. */
function bodyFailure(error: unknown, encoding: BodyEncoding): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (error as Error | undefined)?.message ?? '';
  if (code === 'Z_DATA_ERROR')
    return new HttpError(
      400,
      `the body is sent as Content-Encoding: ${encoding} but is not ${encoding} data (${reason})`,
    );
  if (code === 'Z_BUF_ERROR') return new HttpError(400, `the ${encoding} body is cut short (${reason})`);
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || reason === 'aborted') {
    return new HttpError(400, 'the connection closed before the whole body arrived; nothing of it was loaded');
  }
  return error;
}
