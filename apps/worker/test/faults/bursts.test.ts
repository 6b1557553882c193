import { readdirSync, rmSync } from 'node:fs';
import type { JobType } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { JOB, planJobId } from '@store-monitor/jobs';
import { listenPort, REDIS_URL, waitFor } from '@store-monitor/test-support';
import { TestEnvironment } from '../../../api/test/support/test-env';
import { cliReport, ingestGenerated, type ReportArgs } from '../support/dataset';
import { WorkerProcess } from '../support/worker-process';
import { finishedReport } from './support/api-client';
import { ApiProcess } from './support/api-process';
import { clientAddress, requestFrom, type HttpAnswer } from './support/client-address';

/**
 * A burst of 1,000 POST /trigger_report from 100 clients (as the operator sent them) against the built API and two built
 * workers, to prove what bounds growth: the rate limit answers each client's requests past
 * TRIGGER_RATE_LIMIT with 429 and Retry-After, an Idempotency-Key sent again makes no second
 * report, every accepted report completes and the queues empty, and the retention sweep then
 * leaves exactly the reports it should keep, file and row alike.
 *
 * Each client sends its 10 requests one after another (the clients all at once), cycling through
 * two keys of its own: requests with one key are then never in flight together, so none is told
 * to retry (409) and every outcome below is exact.
 */
const CLIENTS = 100;
const PER_CLIENT = 10;
const LIMIT = 4;
const KEYS_PER_CLIENT = 2;
const DAY_MS = 86_400_000;

/** Three different reports the keys ask for, with the `store-monitor report` arguments of each. */
const ASKED: Array<{ body: object; cli: ReportArgs }> = [
  { body: { as_of: '2024-04-06T12:00:00Z' }, cli: { policy: 'nearest', asOf: '2024-04-06T12:00:00Z' } },
  {
    body: { as_of: '2024-04-06T12:00:00Z', policy: 'forward' },
    cli: { policy: 'forward', asOf: '2024-04-06T12:00:00Z' },
  },
  {
    body: { as_of: '2024-04-05T18:00:00Z', max_gap: '2h' },
    cli: { policy: 'nearest', asOf: '2024-04-05T18:00:00Z', maxGap: '2h' },
  },
];
const askedBy = (client: number, key: number) => (client + key) % ASKED.length;
const keyOf = (client: number, key: number) => `burst-client-${client}-key-${key}`;

const env = new TestEnvironment();
const processes: Array<WorkerProcess | ApiProcess> = [];
let api: ApiProcess;
/** An in-process API on the same database and queues, only to read them. */
let reader: FastifyInstance;
let dataDir: string;

/** Every answer, by client, in the order it sent them. */
const answers: HttpAnswer[][] = [];
/** The report each key made: `reportOf[client][key]`. */
const reportOf: string[][] = [];

beforeAll(async () => {
  await env.setUp();
  // A few stores, three chunks each: enough for every report to be a flow, quick to compute.
  dataDir = await ingestGenerated(env.database.url, `${env.reportsDir}-data`, { stores: 6, days: 8, seed: 16 });
  const serviceEnv = {
    DATABASE_URL: env.database.url,
    REDIS_URL,
    REPORTS_DIR: env.reportsDir,
    QUEUE_PREFIX: env.prefix,
  };
  // A window far longer than the test, so no client's count starts again while it sends.
  api = new ApiProcess(listenPort(), { ...serviceEnv, TRIGGER_RATE_LIMIT: `${LIMIT}/10m` });
  processes.push(api);
  // The retention sweep every second; nothing is old enough for it until the last test says so.
  const workerEnv = { ...serviceEnv, REPORT_CHUNK_STORES: '2', STALE_SWEEP_SECONDS: '1', REPORTS_RETENTION_DAYS: '1' };
  for (let i = 0; i < 2; i += 1) processes.push(new WorkerProcess(workerEnv));
  await Promise.all([
    api.ready(),
    ...processes.filter((child) => child instanceof WorkerProcess).map((w) => w.waitForLine('worker ready')),
  ]);
  reader = await env.app();
}, 180_000);

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  await env.tearDown();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function sendAll(client: number): Promise<HttpAnswer[]> {
  const sent: HttpAnswer[] = [];
  for (let i = 0; i < PER_CLIENT; i += 1) {
    const key = i % KEYS_PER_CLIENT;
    const headers = { 'content-type': 'application/json', 'idempotency-key': keyOf(client, key) };
    const body = JSON.stringify(ASKED[askedBy(client, key)].body);
    sent.push(await requestFrom(clientAddress(client), `${api.url}/trigger_report`, { method: 'POST', headers, body }));
  }
  return sent;
}

const allReports = () => reportOf.flat();

async function reportRows(): Promise<Array<{ id: string; status: string }>> {
  return reader.prisma.report.findMany({ select: { id: true, status: true }, orderBy: { id: 'asc' } });
}

/** Jobs in each state, for each of the worker's queues. */
async function jobCounts(): Promise<Record<string, Record<string, number>>> {
  const states: JobType[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'];
  const { reports, chunks, callbacks } = reader.queues;
  return {
    reports: await reports.getJobCounts(...states),
    chunks: await chunks.getJobCounts(...states),
    callbacks: await callbacks.getJobCounts(...states),
  };
}

const reportFiles = () => readdirSync(env.reportsDir).sort();
const filesOf = (ids: string[]) => ids.map((id) => `${id}.csv`).sort();

describe('a burst of 1,000 triggers from 100 clients', () => {
  it('accepts exactly TRIGGER_RATE_LIMIT per client, refusing the rest with 429 and Retry-After', async () => {
    answers.push(...(await Promise.all(Array.from({ length: CLIENTS }, (_, client) => sendAll(client)))));
    const expectedCodes = [...Array<number>(LIMIT).fill(202), ...Array<number>(PER_CLIENT - LIMIT).fill(429)];
    for (const sent of answers) expect(sent.map((answer) => answer.status)).toEqual(expectedCodes);

    const refused = answers.flat().filter((answer) => answer.status === 429);
    expect(refused).toHaveLength(CLIENTS * (PER_CLIENT - LIMIT));
    for (const answer of refused) {
      // Whole seconds, at least one and never past the window.
      expect(answer.headers['retry-after']).toMatch(/^[1-9]\d*$/);
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(600);
      expect(JSON.parse(answer.body)).toEqual({
        error: 'Too Many Requests',
        message: expect.stringMatching(
          new RegExp(
            `^too many requests to POST /trigger_report from this client: at most ${LIMIT} per 10 minutes; ` +
              'retry in \\d+ seconds?$',
          ),
        ),
      });
    }
  }, 120_000);

  it('makes one report per Idempotency-Key: a key sent again replays its report, with no new row or job', async () => {
    for (const [client, sent] of answers.entries()) {
      const accepted = sent.slice(0, LIMIT);
      const ids = accepted.map((answer) => (JSON.parse(answer.body) as { report_id: string }).report_id);
      reportOf.push(ids.slice(0, KEYS_PER_CLIENT));
      for (const [i, answer] of accepted.entries()) {
        // The first request with each key makes the report; every later one answers with its id.
        expect(ids[i]).toBe(ids[i % KEYS_PER_CLIENT]);
        expect(answer.headers['idempotent-replayed']).toBe(i < KEYS_PER_CLIENT ? undefined : 'true');
      }
      expect(new Set(reportOf[client]).size).toBe(KEYS_PER_CLIENT);
    }
    const made = allReports();
    expect(new Set(made).size).toBe(CLIENTS * KEYS_PER_CLIENT);
    expect((await reportRows()).map((row) => row.id)).toEqual([...made].sort());
    // One plan job per report, under the report's own job id: none for a replay or a 429.
    const planned = (await reader.queues.reports.getJobs()).filter((job) => job.name === JOB.plan);
    expect(planned.map((job) => job.id).sort()).toEqual(made.map(planJobId).sort());
  }, 60_000);

  it('drains: every report completes with the CSV `store-monitor report` writes, and no job is left', async () => {
    const expected = ASKED.map((asked) => cliReport({ data: dataDir }, asked.cli));
    const made = allReports();
    await waitFor('every report to complete and the queues to empty', 180_000, async () => {
      const rows = await reportRows();
      if (rows.some((row) => row.status !== 'complete')) return false;
      const counts = await jobCounts();
      return Object.values(counts).every((queue) => queue.waiting + queue.active + queue.delayed === 0);
    });
    // A plan and a merge job per report; three chunks each (6 stores, 2 a chunk); no callback.
    const none = { waiting: 0, active: 0, delayed: 0, prioritized: 0, 'waiting-children': 0, failed: 0 };
    expect(await jobCounts()).toEqual({
      reports: { ...none, completed: 2 * made.length },
      chunks: { ...none, completed: 3 * made.length },
      callbacks: { ...none, completed: 0 },
    });
    for (const [client, ids] of reportOf.entries()) {
      for (const [key, id] of ids.entries()) {
        const answer = await finishedReport(reader, id, 10_000);
        expect(answer).toEqual({ status: 'Complete', csv: expected[askedBy(client, key)] });
      }
    }
    // One file per report and nothing else: no part folder or temporary file left behind.
    expect(reportFiles()).toEqual(filesOf(made));
  }, 240_000);

  it('the retention sweep leaves exactly the reports REPORTS_RETENTION_DAYS keeps, files and rows alike', async () => {
    // Half the clients' reports as if they had finished two days ago (the retention is one day).
    const old = reportOf.slice(0, CLIENTS / 2).flat();
    const kept = reportOf.slice(CLIENTS / 2).flat();
    const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);
    const moved = await reader.prisma.report.updateMany({
      where: { id: { in: old } },
      data: { createdAt: twoDaysAgo, finishedAt: twoDaysAgo },
    });
    expect(moved.count).toBe(old.length);

    // The sweep runs every second: wait until the rows are gone, then every trace must be.
    await waitFor('the old reports to be removed', 30_000, async () => (await reportRows()).length === kept.length);
    expect((await reportRows()).map((row) => row.id)).toEqual([...kept].sort());
    expect(reportFiles()).toEqual(filesOf(kept));
    const get = (id: string) => requestFrom('127.0.0.1', `${api.url}/get_report?report_id=${id}`, { method: 'GET' });
    expect((await get(old[0])).status).toBe(404);
    expect((await get(kept[0])).status).toBe(200);
  }, 60_000);
});
