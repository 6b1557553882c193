import { z } from 'zod';
import { httpBaseUrl, optional } from '../environment';

/**
 * REPORT_STORE and the S3 variables, read by the API and the worker alike: where reports and
 * chunk parts live. Each app spreads `reportStoreVariables` into its schema, adds
 * `checkReportStoreVariables` to it, and builds its settings with `reportStoreSettings`.
 * Credentials are the SDK's: its default chain reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
 * (named here only so that a half-set pair is refused at start), a profile, or an instance role.
 */

export const REPORT_STORES = ['folder', 's3'] as const;
export type ReportStoreKind = (typeof REPORT_STORES)[number];

/** Where reports go: the folder REPORTS_DIR, or an S3 bucket (or an S3-compatible server). */
export type ReportStoreSettings = { kind: 'folder' } | S3Settings;

export interface S3Settings {
  kind: 's3';
  bucket: string;
  /** Empty, or ending in `/`: every key the store writes starts with it. */
  prefix: string;
  /** An S3-compatible server (MinIO...); undefined: AWS itself. Path-style addressing when set. */
  endpoint?: string;
  region: string;
}

/** S3_REGION, else AWS_REGION, else this: S3-compatible servers mostly ignore it. */
export const DEFAULT_S3_REGION = 'us-east-1';

// S3's rules for new buckets: 3 to 63 lowercase letters, digits, dots and hyphens, a letter or
// digit at each end.
const bucket = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: 'must be a bucket name: 3 to 63 of a-z 0-9 . -' });

const endpoint = httpBaseUrl('http://minio:9000');

// Folder-like: names of letters, digits and _ . - between slashes, none made of dots only.
const prefix = z
  .string()
  .trim()
  .refine(
    (text) =>
      /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/?$/.test(text) && text.split('/').every((name) => !/^\.+$/.test(name)),
    { error: 'must be names of A-Z a-z 0-9 _ . - between slashes, such as reports/ or team/reports' },
  );

const region = z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a region name such as eu-west-1' });

export const reportStoreVariables = {
  REPORT_STORE: optional(z.enum(REPORT_STORES, { error: `must be one of ${REPORT_STORES.join(', ')}` })),
  S3_BUCKET: optional(bucket),
  S3_ENDPOINT: optional(endpoint),
  S3_PREFIX: optional(prefix),
  S3_REGION: optional(region),
  AWS_REGION: optional(region),
  // Never echoed, and not passed on: the SDK reads them itself.
  AWS_ACCESS_KEY_ID: optional(z.string()),
  AWS_SECRET_ACCESS_KEY: optional(z.string()),
};

type ReportStoreVariables = z.infer<z.ZodObject<typeof reportStoreVariables>>;

/** For `.superRefine`: what no single variable can say, each problem naming its variable. */
export function checkReportStoreVariables(env: ReportStoreVariables, ctx: z.RefinementCtx): void {
  if (env.REPORT_STORE === 's3' && env.S3_BUCKET === undefined)
    ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when REPORT_STORE is s3' });
  const keyId = env.AWS_ACCESS_KEY_ID !== undefined;
  const secret = env.AWS_SECRET_ACCESS_KEY !== undefined;
  if (keyId !== secret) {
    const [missing, given] = keyId
      ? ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID']
      : ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
    ctx.addIssue({ code: 'custom', path: [missing], message: `is required when ${given} is set` });
  }
}

/** The settings from checked variables; the folder unless REPORT_STORE is s3. */
export function reportStoreSettings(env: ReportStoreVariables): ReportStoreSettings {
  if (env.REPORT_STORE !== 's3' || env.S3_BUCKET === undefined) return { kind: 'folder' };
  const folder = env.S3_PREFIX ?? '';
  return {
    kind: 's3',
    bucket: env.S3_BUCKET,
    prefix: folder === '' || folder.endsWith('/') ? folder : `${folder}/`,
    ...(env.S3_ENDPOINT === undefined ? {} : { endpoint: env.S3_ENDPOINT }),
    region: env.S3_REGION ?? env.AWS_REGION ?? DEFAULT_S3_REGION,
  };
}
