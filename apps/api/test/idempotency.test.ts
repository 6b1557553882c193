import { createHash } from 'node:crypto';
import { keysOf } from '@store-monitor/test-support';
import { useTestApp } from './support/test-env';

const { env, app } = useTestApp({ callbackAllowedHosts: [{ hostname: 'hooks.example.com', port: null }] });

let keys = 0;
/** A key no other test uses. */
function newKey(): string {
  keys += 1;
  return `key-${keys}-${Date.now()}`;
}

function trigger(body: object | undefined, key?: string) {
  const headers: Record<string, string> = key === undefined ? {} : { 'idempotency-key': key };
  return app.inject({ method: 'POST', url: '/trigger_report', payload: body, headers });
}

/** Where the API keeps a key: under the queue prefix, hashed. */
function redisKeyOf(key: string): string {
  return `${env.prefix}:idempotency:${createHash('sha256').update(key).digest('hex')}`;
}

async function reportCount(): Promise<number> {
  return (await app.reports.page(0, 1)).total;
}

async function planJobCount(): Promise<number> {
  const counts = await app.queues.reports.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

describe('POST /trigger_report with Idempotency-Key', () => {
  it('answers the same report id for the same key and body, without a second report or job', async () => {
    const key = newKey();
    const body = { policy: 'forward', max_gap: '2h', callback_url: 'https://hooks.example.com/done' };
    const first = await trigger(body, key);
    expect(first.statusCode).toBe(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const [reports, jobs] = [await reportCount(), await planJobCount()];

    const again = await trigger(body, key);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await reportCount()).toBe(reports);
    expect(await planJobCount()).toBe(jobs);
  });

  it('takes two bodies that ask for the same report as the same (as_of in another form, the default policy)', async () => {
    const key = newKey();
    const first = await trigger({ as_of: '2024-01-10T12:00:00Z' }, key);
    expect(first.statusCode).toBe(202);
    const again = await trigger({ as_of: '2024-01-10 13:00:00+01', policy: 'nearest' }, key);
    expect(again.statusCode).toBe(202);
    expect(again.json().report_id).toBe(first.json().report_id);
  });

  it.each<[string, object, object]>([
    ['policy', { policy: 'nearest' }, { policy: 'forward' }],
    ['as_of', { as_of: '2024-01-10T12:00:00Z' }, { as_of: '2024-01-10T12:00:01Z' }],
    ['max_gap', {}, { max_gap: '1h' }],
    ['callback_url', { callback_url: 'https://hooks.example.com/a' }, { callback_url: 'https://hooks.example.com/b' }],
  ])('refuses the same key with a different %s (409), and makes nothing', async (_field, body, other) => {
    const key = newKey();
    expect((await trigger(body, key)).statusCode).toBe(202);
    const reports = await reportCount();
    const conflict = await trigger(other, key);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({
      error: 'Conflict',
      message:
        'this Idempotency-Key was used within the last 24 hours for a different request (as_of, policy, max_gap or ' +
        'callback_url differ); use a new key for a new report',
    });
    expect(await reportCount()).toBe(reports);
  });

  it('makes a new report for each new key, and for each request without one', async () => {
    const ids = new Set<string>();
    for (const key of [newKey(), newKey(), undefined, undefined]) ids.add((await trigger({}, key)).json().report_id);
    expect(ids.size).toBe(4);
  });

  it('keeps a key for 24 hours under the queue prefix, and makes a new report once it has expired', async () => {
    const key = newKey();
    const first = (await trigger({}, key)).json().report_id;
    expect(await keysOf(env.prefix)).toContain(redisKeyOf(key));
    const ttl = await app.redis.ttl(redisKeyOf(key));
    expect(ttl).toBeGreaterThan(24 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(24 * 3600);

    // As if a day had passed.
    await app.redis.del(redisKeyOf(key));
    const later = await trigger({}, key);
    expect(later.statusCode).toBe(202);
    expect(later.json().report_id).not.toBe(first);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
  });

  it('makes one report of requests sent at once with the same key; the others replay it or are told to retry', async () => {
    const key = newKey();
    const reports = await reportCount();
    const answers = await Promise.all(Array.from({ length: 6 }, () => trigger({ policy: 'forward' }, key)));
    expect(await reportCount()).toBe(reports + 1);
    const made = answers.filter((res) => res.statusCode === 202 && res.headers['idempotent-replayed'] === undefined);
    expect(made).toHaveLength(1);
    for (const res of answers) {
      if (res.statusCode === 202) expect(res.json().report_id).toBe(made[0].json().report_id);
      else expect(res.statusCode).toBe(409);
    }
  });

  it('answers 409 while the first request with the key is still being answered', async () => {
    const key = newKey();
    await app.redis.set(redisKeyOf(key), JSON.stringify({ fingerprint: 'x', reportId: null }), 'EX', 60);
    const res = await trigger({}, key);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('a request with this Idempotency-Key is still in progress; retry in a moment');
  });

  it('does not take the key for a request it refuses, so the corrected request goes through', async () => {
    const key = newKey();
    expect((await trigger({ max_gap: 'a while' }, key)).statusCode).toBe(400);
    expect((await trigger({ callback_url: 'https://elsewhere.example/' }, key)).statusCode).toBe(400);
    const res = await trigger({ max_gap: '1h' }, key);
    expect(res.statusCode).toBe(202);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });

  it.each([
    ['with a space', 'two words'],
    ['of 256 characters', 'k'.repeat(256)],
    ['with a non-ASCII character', 'clé'],
  ])('refuses a key %s with 400 naming the header', async (_case, key) => {
    const res = await trigger({}, key);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: 'headers/idempotency-key must be 1 to 255 printable ASCII characters without spaces',
    });
  });
});
