import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FILE_NAMES, resolveOptions, writeDataset, type GenerateOptions } from '@store-monitor/generator';
import { REDIS_URL, waitFor } from '@store-monitor/test-support';
import { loadConfig } from '../../../worker/src/config';
import { startWorker, type RunningWorker } from '../../../worker/src/runtime';
import { appBuiltLater, TestEnvironment } from './test-env';

/** The upload route of each generated file, in the order `store-monitor ingest --data` loads them. */
const UPLOADS = [
  ['/timezones', FILE_NAMES.timeZones],
  ['/business_hours', FILE_NAMES.hours],
  ['/special_hours', FILE_NAMES.specialHours],
  ['/polls', FILE_NAMES.polls],
] as const;

/**
 * A generated dataset written to `dataDir` and loaded through the upload routes into this test
 * file's own environment, with a real worker on it: for tests that compare the reports the services
 * make with what the engine or `store-monitor report` makes of the same files. `workerSettings` are
 * worker environment variables beside the environment's own.
 */
export function useDatasetWorker(
  dataset: Partial<GenerateOptions>,
  workerSettings: Record<string, string> = {},
): { app: FastifyInstance; dataDir: string } {
  const env = new TestEnvironment();
  const dataDir = mkdtempSync(join(tmpdir(), 'store-monitor-api-dataset-'));
  let app: FastifyInstance | undefined;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    await env.setUp();
    app = await env.app({ bodyLimitBytes: 8 * 1024 * 1024 });
    await writeDataset(dataDir, resolveOptions(dataset));
    for (const [url, file] of UPLOADS) {
      const payload = readFileSync(join(dataDir, file), 'utf8');
      const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv' } });
      if (res.statusCode !== 200 || res.json().rejected !== 0) throw new Error(`${url}: ${res.body}`);
    }
    worker = await startEnvironmentWorker(env, workerSettings);
  }, 180_000);

  // The worker first: it holds connections to the database the environment drops.
  afterAll(async () => {
    await worker?.close();
    await env.tearDown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return { app: appBuiltLater(() => app), dataDir };
}

/** Triggers a report with `body`, waits for it to be Complete, and answers its id. */
export async function runReport(app: FastifyInstance, body: object): Promise<string> {
  const trigger = await app.inject({ method: 'POST', url: '/trigger_report', payload: body });
  if (trigger.statusCode !== 202) throw new Error(`trigger_report answered ${trigger.statusCode}: ${trigger.body}`);
  const id = trigger.json().report_id as string;
  await waitFor(`report ${id}`, 60_000, async () => {
    const res = await app.inject({ url: `/get_report?report_id=${id}&format=json` });
    if (res.json().status === 'Failed') throw new Error(`report ${id} failed: ${res.body}`);
    return res.json().status === 'Complete' ? true : undefined;
  });
  return id;
}

/**
 * A real worker in this process on the environment's database, Redis prefix and reports folder,
 * started and ready; `settings` are worker environment variables beside those.
 */
export async function startEnvironmentWorker(
  env: TestEnvironment,
  settings: Record<string, string> = {},
): Promise<RunningWorker> {
  const config = loadConfig({
    DATABASE_URL: env.database.url,
    REDIS_URL,
    REPORTS_DIR: env.reportsDir,
    QUEUE_PREFIX: env.prefix,
    LOG_LEVEL: 'warn',
    ...settings,
  });
  if (!config.ok) throw new Error(config.errors.join('\n'));
  const worker = startWorker(config.config);
  await worker.ready;
  return worker;
}
