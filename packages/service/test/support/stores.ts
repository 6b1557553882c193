import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3_CREDENTIALS, type S3Server } from '@store-monitor/test-support';
import { FolderReportStore, S3ReportStore, type ReportStore, type S3StoreOptions } from '../../src';

export const BUCKET = 'store-monitor-test';

/** A backend under test: a fresh empty store for each test, and how to clear it away. */
export interface StoreUnderTest {
  store: ReportStore;
  /** Where a report's CSV is said to be (StoredReport.filePath). */
  locationOf(reportId: string): string;
  /** Where a report's part is said to be (PartMissingError.location). */
  partLocationOf(reportId: string, index: number): string;
  dispose(): void;
}

export function folderStore(): StoreUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'store-monitor-contract-'));
  const store = new FolderReportStore(dir);
  return {
    store,
    locationOf: (id) => join(dir, `${id}.csv`),
    partLocationOf: (id, index) => join(dir, `.${id}.parts`, `${index}.csv`),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A store in the test bucket under a prefix of its own, so tests never see each other's keys. */
export function s3Store(server: S3Server, options: S3StoreOptions = {}): StoreUnderTest {
  const prefix = `t-${randomUUID()}/`;
  const store = s3StoreAt(server.endpoint, prefix, options);
  return {
    store,
    locationOf: (id) => `s3://${BUCKET}/${prefix}${id}.csv`,
    partLocationOf: (id, index) => `s3://${BUCKET}/${prefix}parts/${id}/${index}.csv`,
    dispose: () => store.close(),
  };
}

/** An S3 store of the test bucket through `endpoint` (the server, or a proxy in front of it). */
export function s3StoreAt(endpoint: string, prefix: string, options: S3StoreOptions = {}): S3ReportStore {
  const settings = { kind: 's3' as const, bucket: BUCKET, prefix, endpoint, region: 'us-east-1' };
  return new S3ReportStore(settings, { ...options, client: { credentials: S3_CREDENTIALS, ...options.client } });
}
