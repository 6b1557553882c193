import { integer, optional } from '@store-monitor/service';

/** A century: a longer retention is a typo, not a policy. */
const MAX_RETENTION_DAYS = 36_500;

/** POLLS_RETENTION_DAYS and REPORTS_RETENTION_DAYS, in the worker's environment schema. */
export const retentionVariables = {
  POLLS_RETENTION_DAYS: optional(integer(1, MAX_RETENTION_DAYS)),
  REPORTS_RETENTION_DAYS: optional(integer(1, MAX_RETENTION_DAYS)),
};

/** What the retention sweep keeps (retention-sweep.ts); undefined: keep everything. */
export interface RetentionSettings {
  /** Weekly polls partitions that end more than this many days ago are dropped whole. */
  pollsDays: number | undefined;
  /** Finished reports (record and file) older than this many days are removed. */
  reportsDays: number | undefined;
}

export function retentionSettings(env: {
  POLLS_RETENTION_DAYS?: number;
  REPORTS_RETENTION_DAYS?: number;
}): RetentionSettings {
  return { pollsDays: env.POLLS_RETENTION_DAYS, reportsDays: env.REPORTS_RETENTION_DAYS };
}
