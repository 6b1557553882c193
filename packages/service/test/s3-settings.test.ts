import { z } from 'zod';
import { checkReportStoreVariables, readEnvironment, reportStoreSettings, reportStoreVariables } from '../src';

/** The variables as an app reads them: its schema spreads them and adds the check. */
const schema = z.object(reportStoreVariables).superRefine(checkReportStoreVariables);
const read = (env: Record<string, string>) => readEnvironment(schema, env, reportStoreSettings);

describe('REPORT_STORE and the S3 variables', () => {
  it('mean the folder when unset, or set to folder (the S3 ones are then unused)', () => {
    expect(read({})).toEqual({ ok: true, config: { kind: 'folder' } });
    expect(read({ REPORT_STORE: 'folder', S3_BUCKET: 'reports' })).toEqual({ ok: true, config: { kind: 'folder' } });
    expect(read({ REPORT_STORE: ' ' })).toEqual({ ok: true, config: { kind: 'folder' } });
  });

  it('name the bucket, prefix (as a folder), endpoint and region of an S3 store', () => {
    expect(
      read({
        REPORT_STORE: 's3',
        S3_BUCKET: 'store-monitor.reports',
        S3_PREFIX: 'team/reports',
        S3_ENDPOINT: 'http://minio:9000',
        S3_REGION: 'eu-west-1',
        AWS_REGION: 'us-west-2',
      }),
    ).toEqual({
      ok: true,
      config: {
        kind: 's3',
        bucket: 'store-monitor.reports',
        prefix: 'team/reports/',
        endpoint: 'http://minio:9000',
        region: 'eu-west-1',
      },
    });
    expect(read({ REPORT_STORE: 's3', S3_BUCKET: 'abc', S3_PREFIX: 'r/', AWS_REGION: 'us-west-2' })).toEqual({
      ok: true,
      config: { kind: 's3', bucket: 'abc', prefix: 'r/', region: 'us-west-2' },
    });
    expect(read({ REPORT_STORE: 's3', S3_BUCKET: 'abc' })).toEqual({
      ok: true,
      config: { kind: 's3', bucket: 'abc', prefix: '', region: 'us-east-1' },
    });
  });

  it('refuse each bad value on a line naming its variable, never echoing a key', () => {
    expect(
      read({
        REPORT_STORE: 'S3',
        S3_BUCKET: 'Reports_2024',
        S3_ENDPOINT: 'minio:9000',
        S3_PREFIX: '/reports//x',
        S3_REGION: 'EU West',
      }),
    ).toEqual({
      ok: false,
      errors: [
        'REPORT_STORE: must be one of folder, s3',
        'S3_BUCKET: must be a bucket name: 3 to 63 of a-z 0-9 . -',
        'S3_ENDPOINT: must be an http:// or https:// URL without a query, such as http://minio:9000',
        'S3_PREFIX: must be names of A-Z a-z 0-9 _ . - between slashes, such as reports/ or team/reports',
        'S3_REGION: must be a region name such as eu-west-1',
      ],
    });
    expect(read({ S3_PREFIX: 'a/../b' })).toMatchObject({ ok: false });
  });

  it('need a bucket for s3, and both halves of an access key', () => {
    expect(read({ REPORT_STORE: 's3' })).toEqual({
      ok: false,
      errors: ['S3_BUCKET: is required when REPORT_STORE is s3'],
    });
    expect(read({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toEqual({
      ok: false,
      errors: ['AWS_SECRET_ACCESS_KEY: is required when AWS_ACCESS_KEY_ID is set'],
    });
    expect(read({ AWS_SECRET_ACCESS_KEY: 'secret-value' })).toEqual({
      ok: false,
      errors: ['AWS_ACCESS_KEY_ID: is required when AWS_SECRET_ACCESS_KEY is set'],
    });
  });
});
