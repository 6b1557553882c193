import { FolderReportStore } from './folder-store';
import type { ReportStore } from './report-store';
import type { ReportStoreSettings } from './s3-settings';
import { S3ReportStore } from './s3-store';

/** What a process's config says about its store: REPORTS_DIR, and REPORT_STORE's settings. */
export interface StoreConfig {
  reportsDir: string;
  /** Undefined (a config built by hand, in tests): the folder. */
  reportStore?: ReportStoreSettings;
}

/** The store REPORT_STORE names: the folder REPORTS_DIR (the default), or the S3 bucket. */
export function openReportStore(config: StoreConfig): ReportStore {
  const settings = config.reportStore ?? { kind: 'folder' };
  return settings.kind === 's3' ? new S3ReportStore(settings) : new FolderReportStore(config.reportsDir);
}

/** Where reports go, for the start-up log line: the folder's path or the bucket's URL. */
export function describeReportStore(config: StoreConfig): string {
  const settings = config.reportStore ?? { kind: 'folder' };
  return settings.kind === 's3' ? `s3://${settings.bucket}/${settings.prefix}` : config.reportsDir;
}
