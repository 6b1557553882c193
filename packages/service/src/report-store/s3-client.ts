import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { oneLine } from '../log-text';
import type { S3Settings } from './s3-settings';

/** A server that accepts no connection within this is down: the request fails, or is retried. */
const CONNECT_TIMEOUT_MS = 5_000;
/** A connection silent this long (a hung server) fails its request, which the SDK may retry. */
const SOCKET_IDLE_TIMEOUT_MS = 60_000;

/**
 * The S3 client of a store. Credentials come from the SDK's default chain unless `overrides` give
 * them (tests). An S3-compatible server (S3_ENDPOINT) needs path-style URLs (`/bucket/key`), and
 * checksums only where S3 requires them: many such servers refuse the SDK's newer default ones.
 */
export function createS3Client(settings: S3Settings, overrides: S3ClientConfig = {}): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint, forcePathStyle: true }),
    // A bucket in another region than S3_REGION still works, one redirect later.
    followRegionRedirects: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: SOCKET_IDLE_TIMEOUT_MS },
    ...overrides,
  });
}

/** An S3 request that failed (after the SDK's retries), naming what it was for. */
export class S3StoreError extends Error {
  override readonly name = 'S3StoreError';
  constructor(
    readonly operation: string,
    readonly location: string,
    cause: unknown,
  ) {
    super(`S3 ${operation} of ${location} failed: ${describe(cause)}`, { cause });
  }
}

/** The SDK's error name says what S3 refused (NoSuchBucket, AccessDenied...); its message may be empty. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return oneLine(error);
  const message = oneLine(error);
  return message === '' || message === error.name ? error.name : `${error.name}: ${message}`;
}

/**
 * Whether S3 said the object is not there: GetObject's NoSuchKey, or a 404 without a body. A
 * missing bucket is a 404 too, but a fault of the deployment, not a missing report.
 */
export function isMissingObject(error: unknown): boolean {
  if (!(error instanceof Error) || error.name === 'NoSuchBucket') return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NoSuchKey' || status === 404;
}
