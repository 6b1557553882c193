import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { FILE_NAMES, resolveOptions, writeDataset } from '@store-monitor/generator';
import { REDIS_URL, waitFor } from '@store-monitor/test-support';
import { loadConfig } from '../../worker/src/config';
import { startWorker, type RunningWorker } from '../../worker/src/runtime';
import { runCli } from '../../cli/test/run-cli';
import { expectedMaxGapMs, maxGapText } from '../../../packages/csv/test/support/max-gap-texts';
import { TestEnvironment } from './support/test-env';

/**
 * A max_gap the API takes gives the report `store-monitor report --max-gap` gives for the same text
 * on the same files, byte for byte: odd spellings (spaces, ISO, every unit), one second, and the
 * largest value there is. The texts are drawn from the fuzz generator, seeded, among the valid ones.
 */
const env = new TestEnvironment();
const dataDir = mkdtempSync(join(tmpdir(), 'store-monitor-api-max-gap-'));
let app: FastifyInstance;
let worker: RunningWorker | undefined;

const UPLOADS = [
  ['/timezones', FILE_NAMES.timeZones],
  ['/business_hours', FILE_NAMES.hours],
  ['/special_hours', FILE_NAMES.specialHours],
  ['/polls', FILE_NAMES.polls],
] as const;

beforeAll(async () => {
  await env.setUp();
  app = await env.app({ bodyLimitBytes: 8 * 1024 * 1024 });
  await writeDataset(dataDir, resolveOptions({ stores: 40, days: 8, seed: 16, specialDaysPercent: 30 }));
  for (const [url, file] of UPLOADS) {
    const payload = readFileSync(join(dataDir, file), 'utf8');
    const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv' } });
    if (res.statusCode !== 200 || res.json().rejected !== 0) throw new Error(`${url}: ${res.body}`);
  }
  const config = loadConfig({
    DATABASE_URL: env.database.url,
    REDIS_URL,
    REPORTS_DIR: env.reportsDir,
    QUEUE_PREFIX: env.prefix,
    LOG_LEVEL: 'warn',
  });
  if (!config.ok) throw new Error(config.errors.join('\n'));
  worker = startWorker(config.config);
  await worker.ready;
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await env.tearDown();
  rmSync(dataDir, { recursive: true, force: true });
});

async function reportCsv(body: object): Promise<string> {
  const trigger = await app.inject({ method: 'POST', url: '/trigger_report', payload: body });
  expect(trigger.statusCode).toBe(202);
  const id = trigger.json().report_id as string;
  await waitFor(`report ${id}`, 60_000, async () => {
    const res = await app.inject({ url: `/get_report?report_id=${id}&format=json` });
    if (res.json().status === 'Failed') throw new Error(`report ${id} failed: ${res.body}`);
    return res.json().status === 'Complete' ? true : undefined;
  });
  return (await app.inject({ url: `/get_report?report_id=${id}` })).body;
}

function cliReport(args: string[]): string {
  const result = runCli(['report', '--data', dataDir, ...args]);
  expect([result.status, result.stderr.includes('rows rejected: 0,')]).toEqual([0, true]);
  return result.stdout;
}

const drawn = fc
  .sample(
    maxGapText.filter((text) => expectedMaxGapMs(text) !== undefined && !/[\r\n]/.test(text)),
    { numRuns: 4, seed: 16 },
  )
  .map((text): [string] => [text]);

describe('a valid max_gap gives the report store-monitor report --max-gap gives', () => {
  it.each<[string]>([[' 2h '], ['PT90M'], ['1w1d1h1m1s'], ['1s'], ['9999999w'], ...drawn])(
    'max_gap %j',
    async (text) => {
      const csv = await reportCsv({ max_gap: text, policy: 'forward' });
      expect(csv).toBe(cliReport(['--max-gap', text, '--policy', 'forward']));
      expect(csv.split('\n')[0]).toMatch(/,unknown_last_hour,unknown_last_day,unknown_last_week$/);
      // A one-second gap leaves most business time unknown: the column is computed, not zero.
      if (text === '1s')
        expect(
          csv
            .split('\n')
            .slice(1, -1)
            .some((row) => !row.endsWith(',0.00,0.00,0.00')),
        ).toBe(true);
    },
    90_000,
  );

  it('the largest max_gap leaves nothing unknown: the seven columns are those of the report without one', async () => {
    const huge = cliReport(['--max-gap', '9999999w']).trim().split('\n');
    const plain = cliReport([]).trim().split('\n');
    expect(huge.map((line) => line.split(',').slice(0, 7).join(','))).toEqual(plain);
    expect(huge.slice(1).every((line) => line.endsWith(',0.00,0.00,0.00'))).toBe(true);
  });
});
