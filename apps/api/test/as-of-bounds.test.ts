import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { withDatabase } from '@store-monitor/db';
import { ingestPolls } from '@store-monitor/ingest';
import { TestEnvironment } from './support/test-env';

const env = new TestEnvironment();
let app: FastifyInstance;

// Polls from 10:00 to 12:00 on 2024-01-10: as_of may be from 10:00 to a day (the default margin) after 12:00.
beforeAll(async () => {
  await env.setUp();
  const polls = join(env.reportsDir, 'polls.csv');
  writeFileSync(
    polls,
    'store_id,status,timestamp_utc\ns1,active,2024-01-10 10:00:00 UTC\ns2,inactive,2024-01-10 12:00:00 UTC\n',
  );
  await withDatabase(env.database.url, {}, (db) => ingestPolls(db, polls));
  app = await env.app();
}, 120_000);
afterAll(() => env.tearDown());

async function trigger(target: FastifyInstance, body: object) {
  return target.inject({ method: 'POST', url: '/trigger_report', payload: body });
}

async function reportCount(): Promise<number> {
  return (await app.reports.page(0, 1)).total;
}

const BOUNDS =
  'it must be from the first poll (2024-01-10T10:00:00Z) to 1d after the latest poll (2024-01-10T12:00:00Z)';

describe('POST /trigger_report with an as_of outside the data', () => {
  it.each([
    ['2099-01-01T00:00:00Z', `as_of 2099-01-01T00:00:00Z is more than 1d after the latest poll: ${BOUNDS}`],
    ['2000-01-01 00:00:00 UTC', `as_of 2000-01-01T00:00:00Z is before the first poll: ${BOUNDS}`],
    ['2024-01-10T09:59:59.999999Z', `as_of 2024-01-10T09:59:59.999999Z is before the first poll: ${BOUNDS}`],
    ['2024-01-11T12:00:01Z', `as_of 2024-01-11T12:00:01Z is more than 1d after the latest poll: ${BOUNDS}`],
  ])('refuses %s with 400 naming both bounds, and creates nothing', async (asOf, message) => {
    const before = await reportCount();
    const res = await trigger(app, { as_of: asOf });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message });
    expect(await reportCount()).toBe(before);
  });

  it.each(['2024-01-10T10:00:00Z', '2024-01-10T12:00:00Z', '2024-01-11T12:00:00Z', '2024-01-11 07:00:00-05:00'])(
    'takes %s, inside the bounds',
    async (asOf) => {
      expect((await trigger(app, { as_of: asOf })).statusCode).toBe(202);
    },
  );

  it('takes no as_of at all (the latest poll)', async () => {
    expect((await trigger(app, {})).statusCode).toBe(202);
  });

  it('uses the configured margin (AS_OF_MARGIN)', async () => {
    const strict = await env.app({ asOfMarginMs: 2 * 3600 * 1000 });
    expect((await trigger(strict, { as_of: '2024-01-10T14:00:00Z' })).statusCode).toBe(202);
    const res = await trigger(strict, { as_of: '2024-01-10T14:00:01Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(
      'as_of 2024-01-10T14:00:01Z is more than 2h after the latest poll: it must be from the first poll (2024-01-10T10:00:00Z) to 2h after the latest poll (2024-01-10T12:00:00Z)',
    );
  });
});
