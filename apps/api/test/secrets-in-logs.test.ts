import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, ReportRecords } from '@store-monitor/db';
import { REDIS_URL } from '@store-monitor/test-support';
import { buildApp } from '../src/app';
import { MAIN, ServerProcess } from './support/server-process';
import { useTestEnvironment } from './support/test-env';

/** The built server, run as in production (`npx tsc -b apps/api` makes it). */
const API_KEY = 'api-key-SECRET-4f9c2d7e1a0b';
const BOARD_PASSWORD = 'board-pw-SECRET-8e3b1c';
const DB_PASSWORD = 'db-pw-SECRET-5a7d9f';
const REDIS_PASSWORD = 'redis-pw-SECRET-2c4e6a';
const SECRETS = [API_KEY, BOARD_PASSWORD, DB_PASSWORD, REDIS_PASSWORD];

const env = useTestEnvironment();

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npx tsc -b apps/api" (npm test builds it)`);
});

/** Every place a secret could show up in a line: as it is, URL-encoded, base64 (a basic-auth header), JSON-escaped. */
function traces(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').slice(0, 16),
    JSON.stringify(secret).slice(1, -1),
  ];
}

function expectNoSecrets(output: string): void {
  for (const secret of SECRETS)
    for (const trace of traces(secret)) expect([secret, output.includes(trace)]).toEqual([secret, false]);
}

describe('secrets never appear in the log', () => {
  it('a whole session at LOG_LEVEL=trace: start, keyed and unkeyed requests, bad keys, board logins, an error, shutdown', async () => {
    // trust authentication ignores the password, and Redis without one only warns: both URLs can carry one.
    const databaseUrl = new URL(env.database.url);
    databaseUrl.password = DB_PASSWORD;
    const redisUrl = new URL(REDIS_URL);
    redisUrl.password = REDIS_PASSWORD;
    const server = new ServerProcess({
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: redisUrl.toString(),
      QUEUE_PREFIX: env.prefix,
      REPORTS_DIR: env.reportsDir,
      PORT: '0',
      HOST: '127.0.0.1',
      BULL_BOARD_USER: 'ops',
      BULL_BOARD_PASSWORD: BOARD_PASSWORD,
      API_KEY,
      LOG_LEVEL: 'trace',
    });
    const port = Number((await server.waitForLine(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    await server.waitForLine(/store-monitor API ready/);
    const base = `http://127.0.0.1:${port}`;
    const key = { authorization: `Bearer ${API_KEY}` };
    const basic = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    });

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const trigger = await fetch(`${base}/trigger_report`, { method: 'POST', headers: key });
    expect(trigger.status).toBe(202);
    const { report_id: id } = (await trigger.json()) as { report_id: string };
    expect((await fetch(`${base}/get_report?report_id=${id}`, { headers: key })).status).toBe(200);
    expect((await fetch(`${base}/reports/${id}`, { headers: key })).status).toBe(200);
    expect((await fetch(`${base}/reports`)).status).toBe(401);
    expect((await fetch(`${base}/reports`, { headers: { authorization: `Bearer ${API_KEY}x` } })).status).toBe(401);
    expect((await fetch(`${base}/reports`, { headers: basic('ops', BOARD_PASSWORD) })).status).toBe(401);
    const polls = 'store_id,status,timestamp_utc\nsecrets-1,active,2023-01-22 12:00:00 UTC\nsecrets-1,bad,x\n';
    expect(
      (await fetch(`${base}/polls`, { method: 'POST', headers: { ...key, 'content-type': 'text/csv' }, body: polls }))
        .status,
    ).toBe(200);
    expect((await fetch(`${base}/admin/queues`, { headers: basic('ops', BOARD_PASSWORD) })).status).toBe(200);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: basic('ops', BOARD_PASSWORD) })).status).toBe(
      200,
    );
    expect((await fetch(`${base}/admin/queues`, { headers: basic('ops', `${BOARD_PASSWORD}x`) })).status).toBe(401);
    expect((await fetch(`${base}/admin/queues`, { headers: key })).status).toBe(401);

    // An unexpected error, logged with its error object: a complete report whose "file" is a directory.
    const db = createDatabase(env.database.url);
    try {
      const records = new ReportRecords(db.prisma);
      const { id: broken } = await records.create({ asOf: null, policy: 'nearest' });
      await records.markRunning(broken);
      mkdirSync(join(env.reportsDir, `${broken}.csv`));
      await records.markComplete(broken, { rowCount: 0, filePath: join(env.reportsDir, `${broken}.csv`) });
      expect((await fetch(`${base}/get_report?report_id=${broken}&format=json`, { headers: key })).status).toBe(500);
    } finally {
      await db.close();
    }
    await server.waitForLine(/unexpected error/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // The capture is real: it holds the start line, the requests (with their URLs) and the error.
    expect(server.output).toContain('"msg":"store-monitor API ready"');
    expect(server.output).toContain(`"url":"/get_report?report_id=${id}"`);
    // One line per request (the board's own API call at trace too), none of Fastify's pair.
    expect(server.output.match(/"msg":"request"/g)?.length).toBe(13);
    expect(server.output.match(/"msg":"request received"/g)?.length).toBe(13);
    expect(server.output).not.toContain('incoming request');
    expect(server.output).toContain('EISDIR');
    expectNoSecrets(server.output);
  }, 60_000);

  it('in process, every line written to the log stream at trace level, with the key set and unset', async () => {
    const lines: string[] = [];
    const logStream = { write: (line: string) => void lines.push(line) };
    const databaseUrl = new URL(env.database.url);
    databaseUrl.password = DB_PASSWORD;
    for (const apiKey of [API_KEY, undefined]) {
      const app = await buildApp(
        env.config({ apiKey, logLevel: 'trace', databaseUrl: databaseUrl.toString(), boardPassword: BOARD_PASSWORD }),
        { logStream },
      );
      try {
        await app.ready();
        for (const authorization of [
          `Bearer ${API_KEY}`,
          `Bearer ${BOARD_PASSWORD}`,
          `Basic ${Buffer.from(`operator:${BOARD_PASSWORD}`).toString('base64')}`,
        ]) {
          await app.inject({ method: 'GET', url: '/reports', headers: { authorization } });
          await app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization } });
          await app.inject({
            method: 'POST',
            url: '/trigger_report',
            headers: { authorization, 'content-type': 'application/json' },
            payload: '{"as_of":',
          });
        }
      } finally {
        await app.close();
      }
    }
    const output = lines.join('');
    expect(output.match(/"msg":"request"/g)?.length).toBe(18);
    // Unset, the one warning that the API is open; set, none.
    expect(output.match(/API_KEY is not set: the report and data-loading endpoints are open/g)?.length).toBe(1);
    expectNoSecrets(output);
  }, 60_000);
});
