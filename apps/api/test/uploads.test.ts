import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { migrateDatabase, withDatabase } from '@store-monitor/db';
import { ingestHours, ingestPolls, ingestSpecialHours, ingestTimeZones } from '@store-monitor/ingest';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { TestEnvironment } from './support/test-env';

const DATA = join(__dirname, '../../../data');
const API_KEY = 'k3y-for-uploads-0123456789abcdef';
const env = new TestEnvironment();
/** Loaded the way `store-monitor ingest --data data` loads it, to compare with the API's. */
const byIngest = testDatabaseUrl();
let app: FastifyInstance;

beforeAll(async () => {
  await Promise.all([env.setUp(), migrateDatabase(byIngest.url)]);
  // Room for the sample polls file (2.4 MB).
  app = await env.app({ apiKey: API_KEY, bodyLimitBytes: 8 * 1024 * 1024 });
}, 120_000);
afterAll(() => Promise.all([env.tearDown(), byIngest.drop()]));

const UPLOADS = [
  ['/timezones', 'timezones.csv'],
  ['/business_hours', 'menu_hours.csv'],
  ['/special_hours', 'special_hours.csv'],
  ['/polls', 'store_status.csv'],
] as const;

function upload(url: string, payload: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv', ...headers } });
}

/** The tables a load writes, as text: equal text means equal data. */
async function contents(databaseUrl: string): Promise<Record<string, string>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = async (sql: string) =>
      (await client.query<{ t: string }>(`SELECT string_agg(r::text, E'\\n') AS t FROM (${sql}) r`)).rows[0].t;
    return {
      stores: await table('SELECT id, time_zone, first_poll_at, last_poll_at FROM stores ORDER BY id'),
      hours: await table('SELECT store_id, day, start_ms, end_ms FROM business_hours ORDER BY id'),
      special: await table('SELECT store_id, date, start_ms, end_ms FROM special_hours ORDER BY id'),
      polls: await table('SELECT store_id, at, active FROM polls ORDER BY store_id, at'),
      runs: await table('SELECT kind, read, inserted, duplicates, rejected FROM ingestion_runs ORDER BY id'),
    };
  } finally {
    await client.end();
  }
}

describe('the upload routes and the API key', () => {
  it.each(UPLOADS)('POST %s answers 401 without the key and loads nothing', async (url, file) => {
    const res = await upload(url, readFileSync(join(DATA, file), 'utf8'));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: 'Unauthorized',
      message: 'this endpoint needs the API key as "Authorization: Bearer <key>"',
    });
    expect(await app.prisma.ingestionRun.count()).toBe(0);
  });
});

describe('the sample data through the API', () => {
  it('is stored exactly as `store-monitor ingest` stores the same files', async () => {
    for (const [url, file] of UPLOADS) {
      const res = await upload(url, readFileSync(join(DATA, file), 'utf8'), { authorization: `Bearer ${API_KEY}` });
      expect([url, res.statusCode]).toEqual([url, 200]);
    }
    // The order ingest --data uses: zones, hours, special days, then polls.
    await withDatabase(byIngest.url, {}, async (db) => {
      await ingestTimeZones(db, join(DATA, 'timezones.csv'));
      await ingestHours(db, join(DATA, 'menu_hours.csv'));
      await ingestSpecialHours(db, join(DATA, 'special_hours.csv'));
      await ingestPolls(db, join(DATA, 'store_status.csv'));
    });
    const [api, ingest] = await Promise.all([contents(env.database.url), contents(byIngest.url)]);
    expect(api.polls.split('\n')).toHaveLength(
      readFileSync(join(DATA, 'store_status.csv'), 'utf8').trim().split('\n').length - 1,
    );
    expect(api.special.split('\n')).toHaveLength(
      readFileSync(join(DATA, 'special_hours.csv'), 'utf8').trim().split('\n').length - 1,
    );
    expect(api).toEqual(ingest);
    const sources = await app.prisma.ingestionRun.findMany({ orderBy: { id: 'asc' }, select: { source: true } });
    expect(sources.map((s) => s.source)).toEqual([
      'POST /timezones',
      'POST /business_hours',
      'POST /special_hours',
      'POST /polls',
    ]);
  });
});

describe('the upload routes in OpenAPI', () => {
  it.each(UPLOADS)(
    'POST %s documents both body types and every answer with a description and an example',
    async (url) => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const operation = doc.paths[url].post;
      expect(Object.keys(operation.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '413', '415', '500', '503', '507']);
      for (const [status, response] of Object.entries(
        operation.responses as Record<
          string,
          { description: string; content: Record<string, { examples?: object; example?: object }> }
        >,
      )) {
        expect([status, response.description.length > 0]).toEqual([status, true]);
        const media = response.content['application/json'];
        expect([status, media.examples !== undefined || media.example !== undefined]).toEqual([status, true]);
      }
    },
  );
});

describe("the upload routes' documented examples", () => {
  it.each(UPLOADS)('POST %s answers its example bodies with its example answers', async (url) => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operation = doc.paths[url].post;
    const bodies = operation.requestBody.content;
    const answers = Object.values(
      operation.responses['200'].content['application/json'].examples as Record<string, { value: object }>,
    );
    const bearer = { authorization: `Bearer ${API_KEY}` };
    expect((await upload(url, bodies['text/csv'].example, bearer)).json()).toEqual(answers[0].value);
    const asJson = await app.inject({
      method: 'POST',
      url,
      payload: bodies['application/json'].example,
      headers: bearer,
    });
    expect(asJson.json()).toEqual(answers[1].value);
  });
});
