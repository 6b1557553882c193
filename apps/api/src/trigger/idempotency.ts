import { createHash } from 'node:crypto';
import type { RedisClient } from '@store-monitor/jobs';
import { HttpError } from '../http-error';

/**
 * Idempotency-Key on POST /trigger_report, kept in Redis: SET NX EX gives the one-winner check and
 * the 24-hour expiry in one command, with no table or sweep; the route needs Redis anyway (no
 * report is queued without it), so it adds no new way to fail. A Redis flushed meanwhile forgets
 * its keys: a repeated request then makes a second report, never a wrong one.
 */

/** How long a key holds its report id. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * How long a key is held while its first request is still creating the report: a request that
 * died midway (a crashed API) frees its key after this, not after a day.
 */
const PENDING_TTL_SECONDS = 60;

/** The header's allowed form: what a uuid or any client-made token fits. */
const KEY_FORM = /^[\x21-\x7e]{1,255}$/;

type Stored = { fingerprint: string; reportId: string | null };

export type Reservation =
  | { kind: 'new'; commit(reportId: string): Promise<void>; release(): Promise<void> }
  | { kind: 'replay'; reportId: string };

/** The Idempotency-Key header, checked; undefined when not sent. */
export function idempotencyKeyOf(headers: Record<string, unknown>): string | undefined {
  const value = headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !KEY_FORM.test(value))
    throw new HttpError(400, 'headers/idempotency-key must be 1 to 255 printable ASCII characters without spaces');
  return value;
}

/**
 * What a request means, as one string: two bodies that ask for the same report (as_of in any of
 * its forms, policy left out or given as the default) have the same fingerprint.
 */
export function fingerprint(request: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Claims `key` for this request, or finds the report an earlier request with the same key and
 * fingerprint made. The same key with another fingerprint, or still being used by a request in
 * progress, is a 409.
 */
export async function reserve(redis: RedisClient, prefix: string, key: string, print: string): Promise<Reservation> {
  const redisKey = `${prefix}:idempotency:${createHash('sha256').update(key).digest('hex')}`;
  const pending = JSON.stringify({ fingerprint: print, reportId: null } satisfies Stored);
  if ((await redis.set(redisKey, pending, 'EX', PENDING_TTL_SECONDS, 'NX')) === 'OK') {
    return {
      kind: 'new',
      commit: async (reportId) => {
        const done = JSON.stringify({ fingerprint: print, reportId } satisfies Stored);
        await redis.set(redisKey, done, 'EX', IDEMPOTENCY_TTL_SECONDS);
      },
      release: async () => {
        await redis.del(redisKey);
      },
    };
  }
  const stored = parse(await redis.get(redisKey));
  // Expired between the two commands: rare enough to ask the client to send it again.
  if (stored === undefined || stored.reportId === null) {
    throw new HttpError(409, 'a request with this Idempotency-Key is still in progress; retry in a moment');
  }
  if (stored.fingerprint !== print) {
    throw new HttpError(
      409,
      'this Idempotency-Key was used within the last 24 hours for a different request (as_of, policy, max_gap or ' +
        'callback_url differ); use a new key for a new report',
    );
  }
  return { kind: 'replay', reportId: stored.reportId };
}

function parse(text: string | null): Stored | undefined {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Stored;
    return typeof value.fingerprint === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
