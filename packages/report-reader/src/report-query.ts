import { escapeLiteral } from 'pg';
import type { StoreRange } from './store-ranges';

export type { StoreRange } from './store-ranges';

/**
 * Which stores a query reads: a range of them (a report, or one chunk of it), or one store by its
 * id (a timeline), which the indexes find directly where a range of one would scan the table.
 */
export type StoreSelection = StoreRange | { id: string };

/**
 * Each store's polls a report needs, one row a store in store-id byte order: everything from the
 * week window's start to now, and up to `before` polls before it (the evidence that can reach into
 * the window; see needsFullHistory for when that is not enough), as two arrays, instants and
 * statuses, in the same order. Stores without a poll by now are left out, as the report leaves them
 * out. For COPY, which takes no parameters: the instants are whole microseconds formatted here,
 * and store ids are quoted by escapeLiteral.
 *
 * One row a store, not one a poll: the server then sends the id and zone once, not 160 times, and
 * the client handles 14 thousand rows, not 2.2 million. The arrays come in no promised order (in
 * practice the evidence newest first, then the window oldest first); storesFromCopy sorts them.
 */
export function windowPollsSql(fromUs: number, nowUs: number, before: number, stores?: StoreSelection): string {
  const instant = (us: number) => `(timestamptz 'epoch' + ${wholeMicros(us)} * interval '1 microsecond')`;
  return `
  SELECT s.id, s.time_zone, p.at, p.active
  FROM (SELECT id, time_zone FROM stores WHERE ${inRange(stores)} ORDER BY id COLLATE "C") s
  JOIN LATERAL (
    SELECT array_agg(at) AS at, array_agg(active) AS active FROM (
      (SELECT at, active FROM polls WHERE store_id = s.id AND at < ${instant(fromUs)} ORDER BY at DESC LIMIT ${before})
      UNION ALL
      (SELECT at, active FROM polls WHERE store_id = s.id AND at >= ${instant(fromUs)} AND at <= ${instant(nowUs)})
    ) AS polls_read
  ) p ON p.at IS NOT NULL
  ORDER BY s.id COLLATE "C"`;
}

/** How many stores with polls a report (or one range of it) covers: its progress bar's total. */
export function storeCountSql(stores?: StoreRange): string {
  return `SELECT count(*)::int AS n FROM stores WHERE last_poll_at IS NOT NULL AND ${inRange(stores)}`;
}

function inRange(stores: StoreSelection | undefined, column = 'id'): string {
  if (stores !== undefined && 'id' in stores) return `${column} = ${escapeLiteral(stores.id)}`;
  const bounds: string[] = [];
  if (stores?.from != null) bounds.push(`${column} COLLATE "C" >= ${escapeLiteral(stores.from)}`);
  if (stores?.to != null) bounds.push(`${column} COLLATE "C" < ${escapeLiteral(stores.to)}`);
  return bounds.length > 0 ? bounds.join(' AND ') : 'true';
}

/** A number for SQL text: whole microseconds only, so nothing but digits reaches the query. */
function wholeMicros(us: number): string {
  if (!Number.isSafeInteger(us)) throw new RangeError(`not a whole number of microseconds: ${us}`);
  return String(us);
}

export const STORE_HISTORY_SQL = `
  SELECT (extract(epoch FROM at) * 1000000)::bigint::text AS us, active FROM polls
  WHERE store_id = $1 AND at <= timestamptz 'epoch' + $2::bigint * interval '1 microsecond' ORDER BY at`;

export const LATEST_POLL_SQL = `SELECT (extract(epoch FROM max(last_poll_at)) * 1000000)::bigint::text AS us FROM stores`;

/** The business hours of the report's stores (of one range of them, for a chunk). */
export function hoursSql(stores?: StoreSelection): string {
  return `SELECT store_id, day, start_ms, end_ms FROM business_hours WHERE ${inRange(stores, 'store_id')} ORDER BY id`;
}

/**
 * The special days of the report's stores (of one range of them, for a chunk), each date as days
 * since 1970-01-01 as the engine takes it; both times null is a closed date.
 */
export function specialHoursSql(stores?: StoreSelection): string {
  return `SELECT store_id, (date - date '1970-01-01') AS day, start_ms, end_ms FROM special_hours
    WHERE ${inRange(stores, 'store_id')} ORDER BY id`;
}

/** The first id of every `size` stores, in store-id byte order: where a report's chunks start. */
export const RANGE_STARTS_SQL = `
  SELECT id FROM (
    SELECT id, row_number() OVER (ORDER BY id COLLATE "C") - 1 AS n FROM stores
  ) numbered WHERE n % $1 = 0 ORDER BY id COLLATE "C"`;

/**
 * Starts a REPEATABLE READ transaction's snapshot and says which data it holds. Every load adds
 * one row to ingestion_runs in its own transaction and none is ever deleted, so two snapshots
 * with the same count hold the same loads: the count is the data's version. The snapshot is
 * exported so a second connection can read the very same data.
 */
export const SNAPSHOT_SQL = `SELECT (SELECT count(*) FROM ingestion_runs)::int AS version, pg_export_snapshot() AS snapshot`;
