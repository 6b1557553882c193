import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { S3StoreError } from './s3-client';

/**
 * Uploading one object so that it appears whole or not at all: S3 publishes an object only when
 * its PutObject, or the CompleteMultipartUpload of its parts, succeeds. Each request's body is a
 * Buffer, so the SDK can send it again when a connection fails partway (its retries); a body that
 * cannot be sent in the SDK's attempts fails the upload, and a multipart upload is then aborted so
 * its parts are not kept (and billed). S3's errors come out as S3StoreError naming the object; an
 * error of `pieces` (the rows' source) comes out as it was thrown, so its caller can tell them apart.
 */

/** S3's smallest part (but the last) is 5 MiB; bigger parts mean fewer requests. */
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

export interface UploadTarget {
  client: S3Client;
  bucket: string;
  key: string;
  contentType: string;
  /** `s3://bucket/key`, for the errors. */
  location: string;
  /** Bytes held before a part is sent; a smaller body goes as one PutObject. */
  partBytes: number;
}

/** Uploads the text of `pieces` in order; memory holds about one part at a time. */
export async function uploadAtomically(
  target: UploadTarget,
  pieces: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  const buffer = new PartBuffer(target.partBytes);
  let multipart: MultipartUpload | undefined;
  try {
    for await (const piece of pieces) {
      buffer.add(piece);
      while (buffer.isFull()) {
        multipart ??= await MultipartUpload.start(target);
        await multipart.send(buffer.takePart());
      }
    }
    if (multipart === undefined) await putObject(target, buffer.takeRest());
    else {
      // A body of exactly whole parts has nothing left: no empty last part is sent.
      const rest = buffer.takeRest();
      if (rest.length > 0) await multipart.send(rest);
      await multipart.complete();
    }
  } catch (error) {
    await multipart?.abort();
    throw error;
  }
}

async function putObject(target: UploadTarget, body: Buffer): Promise<void> {
  const { bucket, key, contentType } = target;
  const put = new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType });
  await send(target, 'upload', (client) => client.send(put));
}

/** Text collected as UTF-8 bytes, handed out in parts of exactly `partBytes` but the last. */
class PartBuffer {
  private chunks: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly partBytes: number) {}

  add(text: string): void {
    if (text === '') return;
    const chunk = Buffer.from(text, 'utf8');
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  isFull(): boolean {
    return this.bytes >= this.partBytes;
  }

  takePart(): Buffer {
    const all = Buffer.concat(this.chunks, this.bytes);
    const rest = all.subarray(this.partBytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.bytes = rest.length;
    return all.subarray(0, this.partBytes);
  }

  takeRest(): Buffer {
    const all = Buffer.concat(this.chunks, this.bytes);
    this.chunks = [];
    this.bytes = 0;
    return all;
  }
}

class MultipartUpload {
  private readonly parts: CompletedPart[] = [];

  private constructor(
    private readonly target: UploadTarget,
    private readonly uploadId: string,
  ) {}

  static async start(target: UploadTarget): Promise<MultipartUpload> {
    const { bucket, key, contentType } = target;
    const create = new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType });
    const created = await send(target, 'multipart upload start', (client) => client.send(create));
    if (created.UploadId === undefined)
      throw new S3StoreError('multipart upload start', target.location, 'the server gave the upload no id');
    return new MultipartUpload(target, created.UploadId);
  }

  async send(body: Buffer): Promise<void> {
    const { bucket, key } = this.target;
    const PartNumber = this.parts.length + 1;
    const part = new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: this.uploadId, PartNumber, Body: body });
    const sent = await send(this.target, `upload of part ${PartNumber}`, (client) => client.send(part));
    this.parts.push({ PartNumber, ETag: sent.ETag });
  }

  async complete(): Promise<void> {
    const { bucket, key } = this.target;
    const { uploadId: UploadId, parts: Parts } = this;
    const complete = new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId,
      MultipartUpload: { Parts },
    });
    await send(this.target, 'multipart upload completion', (client) => client.send(complete));
  }

  /** Best effort: the upload already failed, and its parts are never an object either way. */
  async abort(): Promise<void> {
    const { client, bucket, key } = this.target;
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: this.uploadId }))
      .catch(() => undefined);
  }
}

/** One request; S3's refusal or a lost connection (after the SDK's retries) names the object. */
async function send<T>(target: UploadTarget, operation: string, request: (client: S3Client) => Promise<T>): Promise<T> {
  try {
    return await request(target.client);
  } catch (error) {
    throw new S3StoreError(operation, target.location, error);
  }
}
