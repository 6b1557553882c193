import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { REDIS_URL } from '@store-monitor/test-support';
import { ServerProcess } from './support/server-process';
import { TestEnvironment } from './support/test-env';
import { apiProcessVars, httpStatus } from './support/upload-load';

/**
 * Issue 10 items 7 and 10 (a full temporary disk), and item 1's spool folders, against the built
 * API process: compressed bodies are read as a stream within the limit, other encodings and
 * charsets are refused by name, a spool that cannot be written is a 507, and no spool folder
 * outlives its upload or its process.
 */
const LIMIT = 64 * 1024;
const HEADER = 'store_id,status,timestamp_utc';

const env = new TestEnvironment();
const root = mkdtempSync(join(tmpdir(), 'sm-upload-streams-'));
const servers: ServerProcess[] = [];
let db: Client;

/** A started API spooling into its own folder under `root`; its port. */
async function startApi(
  name: string,
  shellFirst?: string,
): Promise<{ port: number; tempDir: string; server: ServerProcess }> {
  const tempDir = join(root, name);
  mkdirSync(tempDir, { recursive: true });
  const server = new ServerProcess(
    apiProcessVars(env, REDIS_URL, { BODY_LIMIT_BYTES: String(LIMIT), UPLOAD_TEMP_DIR: tempDir }),
    shellFirst,
  );
  servers.push(server);
  const port = Number((await server.waitForLine(/listening at http:\/\/127\.0\.0\.1:(\d+)/))[1]);
  return { port, tempDir, server };
}

interface Answer {
  status: number;
  body: unknown;
}

function post(port: number, body: Buffer | string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path: '/polls', method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function pollsOf(prefix: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM polls WHERE store_id LIKE $1`, [
    `${prefix}%`,
  ]);
  return rows[0].n;
}

const csvOf = (prefix: string, count: number): string =>
  `${HEADER}\n${Array.from({ length: count }, (_, i) => `${prefix}${i},active,2023-01-22 12:00:00 UTC`).join('\n')}\n`;

beforeAll(async () => {
  await env.setUp();
  db = new Client({ connectionString: env.database.url });
  await db.connect();
}, 120_000);

afterAll(async () => {
  for (const server of servers) server.child.kill('SIGTERM');
  await Promise.all(servers.map((server) => server.exited));
  await db?.end();
  await env.tearDown();
  rmSync(root, { recursive: true, force: true });
});

describe('Content-Encoding and charset', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeAll(async () => {
    api = await startApi('encodings');
  }, 60_000);

  it('a gzip CSV body is decompressed and loaded', async () => {
    const res = await post(api.port, gzipSync(csvOf('gz-', 3)), {
      'content-type': 'text/csv',
      'content-encoding': 'gzip',
    });
    expect(res).toEqual({
      status: 200,
      body: { read: 3, inserted: 3, updated: 0, duplicates: 0, rejected: 0, rejects: [] },
    });
    expect(await pollsOf('gz-')).toBe(3);
  });

  it('a deflate JSON body is decompressed and loaded, its rejects by index', async () => {
    const json = JSON.stringify({
      polls: [
        { store_id: 'df-1', status: 'active', timestamp_utc: '2023-01-22 12:00:00 UTC' },
        { store_id: 'df-2', status: 'open', timestamp_utc: '2023-01-22 12:00:00 UTC' },
      ],
    });
    const res = await post(api.port, deflateSync(json), {
      'content-type': 'application/json',
      'content-encoding': 'deflate',
    });
    expect(res).toEqual({
      status: 200,
      body: {
        read: 2,
        inserted: 1,
        updated: 0,
        duplicates: 0,
        rejected: 1,
        rejects: [
          {
            index: 1,
            reason: 'polls[1]: status: "open" is not active or inactive',
            raw: '{"store_id":"df-2","status":"open","timestamp_utc":"2023-01-22 12:00:00 UTC"}',
          },
        ],
      },
    });
  });

  it('a gzip body that decompresses past the limit is refused with 413 at the limit, nothing loaded', async () => {
    const csv = csvOf('bomb-', 5000);
    const packed = gzipSync(csv);
    expect([packed.length < LIMIT, csv.length > LIMIT]).toEqual([true, true]);
    const res = await post(api.port, packed, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
    expect(res).toEqual({
      status: 413,
      body: {
        error: 'Payload Too Large',
        message: `the request body, decompressed, is over this route's limit of ${LIMIT} bytes`,
      },
    });
    expect(await pollsOf('bomb-')).toBe(0);
  });

  it.each([
    [
      'a plain body labelled gzip',
      'gzip',
      Buffer.from(csvOf('plain-', 2)),
      400,
      'Bad Request',
      'the body is sent as Content-Encoding: gzip but is not gzip data (incorrect header check)',
    ],
    [
      'a gzip body cut short',
      'gzip',
      gzipSync(csvOf('cut-', 2)).subarray(0, 30),
      400,
      'Bad Request',
      'the gzip body is cut short (unexpected end of file)',
    ],
    [
      'a plain body labelled deflate',
      'deflate',
      Buffer.from(csvOf('plain-', 2)),
      400,
      'Bad Request',
      'the body is sent as Content-Encoding: deflate but is not deflate data (incorrect header check)',
    ],
    [
      'brotli',
      'br',
      Buffer.from(csvOf('br-', 2)),
      415,
      'Unsupported Media Type',
      'POST /polls takes Content-Encoding gzip or deflate (or none); got br',
    ],
    [
      'two encodings',
      'gzip, gzip',
      gzipSync(gzipSync(csvOf('gzgz-', 2))),
      415,
      'Unsupported Media Type',
      'POST /polls takes Content-Encoding gzip or deflate (or none); got gzip, gzip',
    ],
  ])('%s (Content-Encoding: %s)', async (_what, encoding, body, status, error, message) => {
    const res = await post(api.port, body, { 'content-type': 'text/csv', 'content-encoding': encoding });
    expect(res).toEqual({ status, body: { error, message } });
    expect(
      (await pollsOf('plain-')) + (await pollsOf('cut-')) + (await pollsOf('br-')) + (await pollsOf('gzgz-')),
    ).toBe(0);
  });

  it.each([
    ['text/csv; charset=iso-8859-1', 'iso-8859-1'],
    ['text/csv; charset="windows-1252"', 'windows-1252'],
    ['application/json; charset=latin1', 'latin1'],
  ])('%s answers 415 naming the charsets taken', async (type, charset) => {
    const body = type.startsWith('text/csv') ? Buffer.from(csvOf('latin-é', 1), 'latin1') : '{"polls":[]}';
    const res = await post(api.port, body, { 'content-type': type });
    expect(res).toEqual({
      status: 415,
      body: {
        error: 'Unsupported Media Type',
        message: `POST /polls takes UTF-8 bodies (charset utf-8 or us-ascii, or none); got charset ${charset}`,
      },
    });
    expect(await pollsOf('latin-')).toBe(0);
  });

  it('UTF-8 and US-ASCII charsets are read', async () => {
    expect((await post(api.port, csvOf('utf8-é-', 1), { 'content-type': 'text/csv; charset=UTF-8' })).status).toBe(200);
    expect((await post(api.port, csvOf('ascii-', 1), { 'content-type': 'text/csv; charset=us-ascii' })).status).toBe(
      200,
    );
    expect([await pollsOf('utf8-é-'), await pollsOf('ascii-')]).toEqual([1, 1]);
  });

  it('leaves no spool folder behind, whatever the answer was', () => {
    expect(readdirSync(api.tempDir)).toEqual([]);
  });
});

describe('spool folders', () => {
  it('a client gone midway: nothing loaded, its folder removed', async () => {
    const api = await startApi('abort');
    const req = request({
      port: api.port,
      host: '127.0.0.1',
      path: '/polls',
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'content-length': '50000' },
    });
    req.on('error', () => undefined);
    req.write(csvOf('gone-', 100));
    // The folder exists while the body comes in, and goes when the client does.
    for (let i = 0; i < 100 && readdirSync(api.tempDir).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(api.tempDir)).toHaveLength(1);
    req.destroy();
    for (let i = 0; i < 100 && readdirSync(api.tempDir).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(api.tempDir)).toEqual([]);
    expect(await pollsOf('gone-')).toBe(0);
    expect(await httpStatus(api.port, '/healthz')).toBe(200);
  }, 60_000);

  it('at start, the folders of API processes that are gone are removed; a live process keeps its own', async () => {
    const tempDir = join(root, 'stale');
    const gone = [
      'store-monitor-api-2147483646-AbC123',
      'store-monitor-api-upload-x1Y2z3',
      'store-monitor-api-polls-Q9w8E7',
    ];
    const live = `store-monitor-api-${process.pid}-LiVe01`;
    const other = 'store-monitor-api-reports-Xy12Ab';
    for (const name of [...gone, live, other]) mkdirSync(join(tempDir, name, 'inside'), { recursive: true });
    const api = await startApi('stale');
    expect(readdirSync(api.tempDir).sort()).toEqual([live, other].sort());
    expect(api.server.output).toContain('removed the upload folders of API processes that are gone');
  }, 60_000);
});

describe('a full temporary disk', () => {
  it('a spool the process cannot write (ulimit -f: EFBIG) answers 507 with the reason; nothing loaded, no file left', async () => {
    // 32 blocks of 1 KiB: the body below is bigger; the API's own start writes no file.
    const api = await startApi('full', 'ulimit -f 32');
    const csv = csvOf('full-', 1500);
    expect(csv.length).toBeGreaterThan(32 * 1024);
    expect(csv.length).toBeLessThan(LIMIT);
    const res = await post(api.port, csv, { 'content-type': 'text/csv' });
    expect(res).toEqual({
      status: 507,
      body: {
        error: 'Insufficient Storage',
        message: `the upload could not be stored in ${api.tempDir} to be loaded: the file would be larger than this process may write (EFBIG); nothing of it was loaded`,
      },
    });
    expect(await pollsOf('full-')).toBe(0);
    expect(readdirSync(api.tempDir)).toEqual([]);
    expect(await httpStatus(api.port, '/healthz')).toBe(200);
  }, 60_000);
});
