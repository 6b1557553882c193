import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMaxGap, readHours, readPolls, readSpecialHours, readTimeZones } from '@store-monitor/csv';
import {
  assembleStores,
  buildReport,
  formatReportRow,
  reportHeader,
  type Policy,
  type ReportRow,
} from '@store-monitor/engine';
import { FILE_NAMES, resolveOptions, writeDataset } from '@store-monitor/generator';
import { REDIS_URL, waitFor } from '@store-monitor/test-support';
import { loadConfig } from '../../worker/src/config';
import { startWorker, type RunningWorker } from '../../worker/src/runtime';
import type { FastifyInstance } from 'fastify';
import { TestEnvironment } from './support/test-env';

/**
 * Both extensions end to end through the services: the data goes in through the upload routes
 * (special days through POST /special_hours), a real worker builds each report triggered with
 * max_gap, and get_report gives back what the engine computes from the same files, byte for byte.
 */
const env = new TestEnvironment();
const dataDir = mkdtempSync(join(tmpdir(), 'store-monitor-api-extensions-'));
let app: FastifyInstance;
let worker: RunningWorker | undefined;

/** The upload route of each generated file, in the order `store-monitor ingest --data` loads them. */
const UPLOADS = [
  ['/timezones', FILE_NAMES.timeZones],
  ['/business_hours', FILE_NAMES.hours],
  ['/special_hours', FILE_NAMES.specialHours],
  ['/polls', FILE_NAMES.polls],
] as const;

beforeAll(async () => {
  await env.setUp();
  app = await env.app({ bodyLimitBytes: 8 * 1024 * 1024 });
  // A third of the stores with special days; the generator also leaves some stores silent for hours.
  await writeDataset(dataDir, resolveOptions({ stores: 60, days: 9, seed: 12, specialDaysPercent: 33 }));
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
    REPORT_CHUNK_STORES: '13',
    LOG_LEVEL: 'warn',
  });
  if (!config.ok) throw new Error(config.errors.join('\n'));
  worker = startWorker(config.config);
  await worker.ready;
}, 180_000);

// The worker first: it holds connections to the database the environment drops.
afterAll(async () => {
  await worker?.close();
  await env.tearDown();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the engine makes of the generated files (as `store-monitor report --data` reads them). */
async function expectedCsv(
  policy: Policy,
  asOf: number | undefined,
  maxGap: string | undefined,
  specialDays = true,
): Promise<string> {
  const path = (name: string) => join(dataDir, name);
  const [polls, hours, timeZones, special] = await Promise.all([
    readPolls(path(FILE_NAMES.polls)),
    readHours(path(FILE_NAMES.hours)),
    readTimeZones(path(FILE_NAMES.timeZones)),
    readSpecialHours(path(FILE_NAMES.specialHours)),
  ]);
  const stores = assembleStores({
    polls: polls.series,
    hours: hours.hours,
    timeZones: timeZones.timeZones,
    specialHours: specialDays ? special.specialHours : undefined,
  });
  const maxGapMs = maxGap === undefined ? undefined : parseMaxGap(maxGap);
  const report = buildReport(stores, { policy, asOf, maxGapMs });
  return `${[reportHeader(maxGapMs !== undefined), ...report.rows.map(formatReportRow)].join('\n')}\n`;
}

/** Triggers a report and waits for its answer to be Complete. */
async function runReport(body: object): Promise<string> {
  const trigger = await app.inject({ method: 'POST', url: '/trigger_report', payload: body });
  expect(trigger.statusCode).toBe(202);
  const id = trigger.json().report_id as string;
  await waitFor(`report ${id}`, 60_000, async () => {
    const res = await app.inject({ url: `/get_report?report_id=${id}&format=json` });
    if (res.json().status === 'Failed') throw new Error(`report ${id} failed: ${res.body}`);
    return res.json().status === 'Complete' ? true : undefined;
  });
  return id;
}

describe('a report with special days and max_gap, through the API and a worker', () => {
  it('loaded every special day the generator wrote', async () => {
    const lines = readFileSync(join(dataDir, FILE_NAMES.specialHours), 'utf8').trim().split('\n').length - 1;
    expect(lines).toBeGreaterThan(20);
    const { rows } = await app.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM special_hours');
    expect(rows[0].n).toBe(lines);
  });

  it.each<[Policy, string | undefined, string | undefined]>([
    ['nearest', '2h', undefined],
    ['forward', 'PT90M', '2024-04-05T12:00:00Z'],
    ['nearest', undefined, undefined],
  ])(
    'policy %s, max_gap %s, as_of %s: the CSV and the JSON rows are the engine report',
    async (policy, maxGap, asOf) => {
      const id = await runReport({ policy, ...(maxGap && { max_gap: maxGap }), ...(asOf && { as_of: asOf }) });
      const expected = await expectedCsv(policy, asOf === undefined ? undefined : Date.parse(asOf), maxGap);
      const csv = await app.inject({ url: `/get_report?report_id=${id}` });
      expect(csv.body).toBe(expected);

      const json = (await app.inject({ url: `/get_report?report_id=${id}&format=json` })).json();
      const rows = json.rows as ReportRow[];
      expect(rows.length).toBe(expected.split('\n').length - 2);
      expect(`${[reportHeader(maxGap !== undefined), ...rows.map(formatReportRow)].join('\n')}\n`).toBe(expected);
      if (maxGap === undefined) {
        // The special days matter on this data: without them the report would differ.
        expect(await expectedCsv(policy, undefined, undefined, false)).not.toBe(expected);
        expect(Object.keys(json)).toEqual(['status', 'now', 'rows']);
        expect(Object.keys(rows[0])).toHaveLength(7);
        return;
      }
      expect(json.max_gap).toBe(maxGap === '2h' ? '2h' : '1h30m');
      // The gap matters on this data: some business time is unknown.
      expect(rows.some((row) => (row.unknown_last_week ?? 0) > 0)).toBe(true);
      const listed = (await app.inject({ url: `/reports/${id}` })).json();
      expect(listed.max_gap).toBe(json.max_gap);
    },
  );
});
