import { PassThrough, type Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { reportHeader } from '@store-monitor/engine';
import { countLines, decodeReportCsv } from './report-csv';
import {
  PartMissingError,
  ReportMissingError,
  ReportUnreadableError,
  type ReportRowJson,
  type ReportShape,
  type ReportStore,
  type StoredReport,
} from './report-store';
import { createS3Client, isMissingObject, S3StoreError } from './s3-client';
import type { S3Settings } from './s3-settings';
import { DEFAULT_PART_BYTES, uploadAtomically } from './s3-upload';

const CSV_TYPE = 'text/csv; charset=utf-8';

export interface S3StoreOptions {
  /** Given to the S3 client over the settings' own (tests: credentials, attempts). */
  client?: S3ClientConfig;
  /** A report bigger than this is sent as a multipart upload, in parts of this size (5 MiB at least). */
  partBytes?: number;
}

/**
 * Reports as objects in an S3 bucket (REPORT_STORE=s3), under S3_PREFIX: `<prefix><id>.csv`, and
 * each report's chunk parts as `<prefix>parts/<id>/<index>.csv` until its merge is done, so every
 * worker sees every part. As with the folder, only a checked report id ever names a key.
 */
export class S3ReportStore implements ReportStore {
  private readonly client: S3Client;
  private readonly partBytes: number;

  constructor(
    readonly settings: S3Settings,
    options: S3StoreOptions = {},
  ) {
    this.client = createS3Client(settings, options.client);
    this.partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  }

  /** The object's `s3://bucket/key`, as the record's filePath and every error give it. */
  location(key: string): string {
    return `s3://${this.settings.bucket}/${key}`;
  }

  reportKey(reportId: string): string {
    return `${this.settings.prefix}${reportId}.csv`;
  }

  partsFolder(reportId: string): string {
    return `${this.settings.prefix}parts/${reportId}/`;
  }

  async writeReport(
    reportId: string,
    rows: Iterable<string> | AsyncIterable<string>,
    shape: ReportShape = { withUnknown: false },
  ): Promise<StoredReport> {
    const key = this.reportKey(reportId);
    let rowCount = 0;
    async function* pieces() {
      yield `${reportHeader(shape.withUnknown)}\n`;
      for await (const text of rows) {
        rowCount += countLines(text);
        yield text;
      }
    }
    await this.upload(key, pieces());
    return { filePath: this.location(key), rowCount };
  }

  async readCsv(reportId: string): Promise<Readable> {
    const key = this.reportKey(reportId);
    const body = await this.getObject(key, () => new ReportMissingError(reportId, this.location(key)));
    // A connection lost partway fails the stream with an error that names the object.
    const named = new PassThrough();
    body.on('error', (error) => named.destroy(new S3StoreError('download', this.location(key), error)));
    named.on('close', () => body.destroy());
    return body.pipe(named);
  }

  async readRows(reportId: string): Promise<ReportRowJson[]> {
    const key = this.reportKey(reportId);
    const text = await this.readText(key, () => new ReportMissingError(reportId, this.location(key)));
    const rows = decodeReportCsv(text);
    if (typeof rows === 'string') throw new ReportUnreadableError(reportId, rows);
    return rows;
  }

  async removeReport(reportId: string): Promise<void> {
    await this.deleteObject(this.reportKey(reportId));
  }

  async writePart(reportId: string, index: number, lines: string[]): Promise<void> {
    await this.upload(this.partKey(reportId, index), lines.length > 0 ? [`${lines.join('\n')}\n`] : []);
  }

  async readPart(reportId: string, index: number): Promise<string> {
    const key = this.partKey(reportId, index);
    return this.readText(key, () => new PartMissingError(reportId, index, this.location(key)));
  }

  /**
   * Lists a page of the report's parts (up to 1000) and deletes them, until a page is the last:
   * each listing starts over, with no continuation token (which s3rver cannot make on Node 20).
   */
  async removeParts(reportId: string): Promise<void> {
    const folder = this.partsFolder(reportId);
    const list = { Bucket: this.settings.bucket, Prefix: folder };
    for (;;) {
      const page = await this.request('list', folder, () => this.client.send(new ListObjectsV2Command(list)));
      // One request per part: plain DeleteObject is the delete every S3-compatible server has.
      await Promise.all((page.Contents ?? []).map((object) => this.deleteObject(object.Key as string)));
      if (!page.IsTruncated) return;
    }
  }

  /** Closes the client's connections; the store is not used after. */
  close(): void {
    this.client.destroy();
  }

  private partKey(reportId: string, index: number): string {
    return `${this.partsFolder(reportId)}${index}.csv`;
  }

  /** Errors of `pieces` (a part the merge cannot read) come out as thrown: the merge decides on them. */
  private async upload(key: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
    const { client, partBytes } = this;
    const target = { client, bucket: this.settings.bucket, key, location: this.location(key), partBytes };
    await uploadAtomically({ ...target, contentType: CSV_TYPE }, pieces);
  }

  private async readText(key: string, missing: () => Error): Promise<string> {
    const body = await this.getObject(key, missing);
    try {
      return Buffer.concat(await body.toArray()).toString('utf8');
    } catch (error) {
      throw new S3StoreError('download', this.location(key), error);
    }
  }

  private async getObject(key: string, missing: () => Error): Promise<Readable> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return object.Body as Readable;
    } catch (error) {
      if (isMissingObject(error)) throw missing();
      throw new S3StoreError('download', this.location(key), error);
    }
  }

  /** Deleting a key that is not there is no error in S3. */
  private async deleteObject(key: string): Promise<void> {
    await this.request('delete', key, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })),
    );
  }

  private async request<T>(operation: string, key: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw new S3StoreError(operation, this.location(key), error);
    }
  }
}
