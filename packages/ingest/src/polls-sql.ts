// Bulk path in raw SQL: millions of polls move by COPY and set-based statements; row-by-row
// statements through Prisma would be orders of magnitude slower.

/** Scratch tables of one ingest, gone at its commit or rollback. */
export const SCRATCH_TABLES = [
  // The stores of the current batch, numbered in the batch's order.
  `CREATE TEMP TABLE ingest_stores (ord int NOT NULL, store_id text NOT NULL) ON COMMIT DROP`,
  // Per store, the instants of the batch's rows at or before its latest stored poll.
  `CREATE TEMP TABLE ingest_ranges (ord int NOT NULL, from_us bigint NOT NULL, to_us bigint NOT NULL) ON COMMIT DROP`,
  // Rows whose status differs from the stored one.
  `CREATE TEMP TABLE ingest_changes (store_id text NOT NULL, at_us bigint NOT NULL, active boolean NOT NULL) ON COMMIT DROP`,
  // Each store's oldest and newest poll in the batch, for stores whose span they widen.
  `CREATE TEMP TABLE ingest_spans (store_id text NOT NULL, first_us bigint NOT NULL, at_us bigint NOT NULL) ON COMMIT DROP`,
];

export const CLEAR_SCRATCH = 'TRUNCATE ingest_stores, ingest_ranges, ingest_changes, ingest_spans';

const instant = (us: string): string => `(timestamptz 'epoch' + ${us} * interval '1 microsecond')`;
const micros = (at: string): string => `(extract(epoch FROM ${at}) * 1000000)::bigint`;

/** The first and latest stored poll of each of the batch's stores that has one. */
export const STORED_SPANS = `
  SELECT b.ord, ${micros('s.first_poll_at')}::text AS first_us, ${micros('s.last_poll_at')}::text AS us
  FROM ingest_stores b JOIN stores s ON s.id = b.store_id
  WHERE s.last_poll_at IS NOT NULL`;

/** The stored polls that the batch's older rows may repeat, in batch store order then time. */
export const STORED_IN_RANGES = `
  SELECT r.ord, p.at, p.active
  FROM ingest_ranges r
  JOIN ingest_stores b ON b.ord = r.ord
  JOIN polls p ON p.store_id = b.store_id AND p.at BETWEEN ${instant('r.from_us')} AND ${instant('r.to_us')}
  ORDER BY r.ord, p.at`;

/**
 * Changes only rows that still differ: another ingest may have changed them since this one looked,
 * and the row count then says what this transaction really changed.
 */
export const APPLY_CHANGES = `
  UPDATE polls p SET active = c.active FROM ingest_changes c
  WHERE p.store_id = c.store_id AND p.at = ${instant('c.at_us')} AND p.active IS DISTINCT FROM c.active`;

/**
 * New stores are created here (polls have no foreign key: see the schema), and each store keeps
 * its newest poll, which tells the next ingest which rows cannot be stored yet, and its first one:
 * together they bound the instants a report's as_of may take, without reading every poll.
 * (LEAST and GREATEST skip NULLs.)
 */
export const WIDEN_SPANS = `
  INSERT INTO stores (id, first_poll_at, last_poll_at)
  SELECT store_id, ${instant('first_us')}, ${instant('at_us')} FROM ingest_spans
  ON CONFLICT (id) DO UPDATE SET
    first_poll_at = LEAST(stores.first_poll_at, EXCLUDED.first_poll_at),
    last_poll_at = GREATEST(stores.last_poll_at, EXCLUDED.last_poll_at)`;

/**
 * The slow, always-correct merge, for rows that turned out to be stored after all (another
 * process wrote them since this ingest looked): insert the new, change the different.
 */
export const FALLBACK_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ingest_fallback (store_id text NOT NULL,
  at_us bigint NOT NULL, active boolean NOT NULL) ON COMMIT DROP`;

export const FALLBACK_MERGE = `
  WITH merged AS (
    INSERT INTO polls (store_id, at, active) SELECT store_id, ${instant('at_us')}, active FROM ingest_fallback
    ON CONFLICT (store_id, at) DO UPDATE SET active = EXCLUDED.active
      WHERE polls.active IS DISTINCT FROM EXCLUDED.active
    RETURNING store_id, at)
  -- Counts rows new to polls (inserted) and rows it changed (updated). polls is partitioned, and
  -- RETURNING cannot read xmax from a partitioned table, so the rows that were there already are
  -- found by reading polls as this statement's snapshot saw it, before the insert: the rows that
  -- sent the load here were committed by then (a conflict waits for the other writer to finish).
  SELECT count(*) FILTER (WHERE p.store_id IS NULL)::int AS inserted,
         count(*) FILTER (WHERE p.store_id IS NOT NULL)::int AS updated
  FROM merged m LEFT JOIN polls p ON p.store_id = m.store_id AND p.at = m.at`;
