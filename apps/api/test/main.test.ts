import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { REDIS_URL } from '@store-monitor/test-support';
import { MAIN, ServerProcess } from './support/server-process';
import { useTestEnvironment } from './support/test-env';

/** The built server, run as in production; `npx tsc -b apps/api` (or `npm run build`) makes it. */
const DB_PASSWORD = 'db-pw-that-must-not-be-logged';
const BOARD_PASSWORD = 'board-pw-that-must-not-be-logged';

const env = useTestEnvironment();

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npx tsc -b apps/api" (npm test builds it)`);
});

describe('the api process', () => {
  it('exits 2 with one line per bad setting', () => {
    const child = spawnSync(process.execPath, [MAIN], {
      encoding: 'utf8',
      env: { ...process.env, PORT: 'http', REDIS_URL: 'localhost:6379' },
    });
    expect(child.status).toBe(2);
    expect(child.stderr).toBe(
      'store-monitor-api: REDIS_URL: must be a redis:// or rediss:// URL with a host\n' +
        'store-monitor-api: PORT: must be a whole number from 0 to 65535 (got "http")\n',
    );
  });

  it('serves, and on SIGTERM finishes the request in flight, then exits 0 without logging secrets', async () => {
    // trust authentication ignores the password, so the URL can carry one to check it is not logged.
    const databaseUrl = new URL(env.database.url);
    databaseUrl.password = DB_PASSWORD;
    const server = new ServerProcess({
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL,
      QUEUE_PREFIX: env.prefix,
      REPORTS_DIR: env.reportsDir,
      PORT: '0',
      HOST: '127.0.0.1',
      BULL_BOARD_USER: 'ops',
      BULL_BOARD_PASSWORD: BOARD_PASSWORD,
      LOG_LEVEL: 'trace',
    });
    const port = Number((await server.waitForLine(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    expect(await httpGet(port, '/healthz')).toEqual({ status: 200, body: '{"status":"ok"}' });

    // A polls upload whose body is only half sent when the signal comes.
    const csv = `store_id,status,timestamp_utc\n${Array.from({ length: 100 }, (_, i) => `main-${i},active,2023-01-22 12:00:00 UTC`).join('\n')}\n`;
    const upload = startUpload(port, csv);
    upload.write(csv.slice(0, csv.length / 2));
    await server.waitForLine(/"url":"\/polls","msg":"request received"/);
    server.child.kill('SIGTERM');
    await server.waitForLine(/SIGTERM: finishing in-flight requests/);
    upload.end(csv.slice(csv.length / 2));

    const response = await upload.response;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ read: 100, inserted: 100, rejected: 0 });
    expect(await server.exited).toBe(0);
    expect(server.output).not.toContain(DB_PASSWORD);
    expect(server.output).not.toContain(BOARD_PASSWORD);
  });
});

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolveGet, reject) => {
    request({ port, host: '127.0.0.1', path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function startUpload(port: number, csv: string) {
  let settle: (value: { status: number; body: string }) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const response = new Promise<{ status: number; body: string }>((resolveUpload, reject) => {
    settle = resolveUpload;
    fail = reject;
  });
  const req = request(
    {
      port,
      host: '127.0.0.1',
      path: '/polls',
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(csv) },
    },
    (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => settle({ status: res.statusCode ?? 0, body }));
    },
  );
  req.on('error', fail);
  req.flushHeaders();
  return { write: (text: string) => req.write(text), end: (text: string) => req.end(text), response };
}
