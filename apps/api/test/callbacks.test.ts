import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RunningWorker } from '../../worker/src/runtime';
import { CallbackReceiver } from '../../worker/test/support/callback-receiver';
import { startEnvironmentWorker } from './support/dataset-worker';
import { TestEnvironment } from './support/test-env';

/**
 * Callbacks through the services: a report triggered on the API with a callback_url is built by a
 * real worker, which POSTs its outcome to a real receiver on loopback; the body's url is the
 * report on get_report, and what it serves has the rows the callback announced.
 */
const SECRET = 'the services share this secret';
const env = new TestEnvironment();
const receiver = new CallbackReceiver();
let app: FastifyInstance;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  await env.setUp();
  await receiver.start();
  const hosts = `127.0.0.1:${receiver.port}`;
  app = await env.app({ callbackAllowedHosts: [{ hostname: '127.0.0.1', port: receiver.port }] });
  const polls = 'store_id,status,timestamp_utc\na,active,2024-01-10 11:00:00 UTC\nb,inactive,2024-01-10 11:10:00 UTC\n';
  const upload = await app.inject({
    method: 'POST',
    url: '/polls',
    payload: polls,
    headers: { 'content-type': 'text/csv' },
  });
  if (upload.statusCode !== 200) throw new Error(upload.body);
  worker = await startEnvironmentWorker(env, {
    CALLBACK_SECRET: SECRET,
    CALLBACK_ALLOWED_HOSTS: hosts,
    CALLBACK_BACKOFF: '1s',
  });
}, 180_000);

// The worker first: it holds connections to the database the environment drops.
afterAll(async () => {
  await worker?.close();
  await receiver.stop();
  await env.tearDown();
});

describe('POST /trigger_report with callback_url, through a worker', () => {
  it('calls back once the report is complete, signed, with the get_report path that serves its rows', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/trigger_report',
      payload: { policy: 'forward', callback_url: receiver.url('/hook?team=ops') },
    });
    expect(res.statusCode).toBe(202);
    const id = res.json().report_id;

    const [request] = await receiver.waitFor('/hook?team=ops', 1);
    const expectedSignature = `sha256=${createHmac('sha256', SECRET).update(request.body).digest('hex')}`;
    expect(request.headers['x-signature']).toBe(expectedSignature);
    const body = JSON.parse(request.body);
    // PUBLIC_URL is not set: the path alone.
    expect(body).toEqual({
      report_id: id,
      status: 'complete',
      rows: 2,
      url: `/get_report?report_id=${id}`,
      error: null,
    });
    const report = await app.inject({ url: `${body.url}&format=json` });
    expect(report.statusCode).toBe(200);
    expect(report.json().rows).toHaveLength(body.rows);
  });

  it('calls back once for a request repeated with its Idempotency-Key', async () => {
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/trigger_report',
        payload: { callback_url: receiver.url('/idempotent') },
        headers: { 'idempotency-key': 'nightly-2024-01-10' },
      });
    const first = await send();
    const again = await send();
    expect(again.json().report_id).toBe(first.json().report_id);
    const [request] = await receiver.waitFor('/idempotent', 1);
    expect(JSON.parse(request.body).report_id).toBe(first.json().report_id);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.to('/idempotent')).toHaveLength(1);
  });
});
