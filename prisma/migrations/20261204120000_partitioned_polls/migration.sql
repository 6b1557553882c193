-- Polls partitioned by time: one partition per ISO week (Monday 00:00 UTC to the next Monday),
-- named polls_pYYYYMMDD after its Monday (polls_p20230116 holds 2023-01-16 to 2023-01-23). Whole old
-- weeks are then detached and dropped (POLLS_RETENTION_DAYS) instead of deleted row by row, and the
-- report's week window reads only the partitions it reaches. The key stays (store_id, at): every
-- hot query is keyed by store first, so the same table can later be sharded by store.
--
-- No DEFAULT partition, on purpose: with one, DETACH PARTITION ... CONCURRENTLY is refused and
-- every new partition must scan it. Instead a poll's week is made before the poll is written
-- (ensure_poll_partitions, called by ingest and by the worker's sweep); a poll for a week without a
-- partition makes its load fail whole (nothing is lost), never lands nowhere.
--
-- Prisma cannot express partitioning: the schema's Poll model describes the parent table, which is
-- all its queries need.

-- The Monday 00:00 UTC that starts the ISO week of `at`.
CREATE FUNCTION poll_week_start(at timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_trunc('week', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;

-- The partition that holds the week starting at `week` (a Monday 00:00 UTC).
CREATE FUNCTION poll_partition_name(week timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT 'polls_p' || to_char(week AT TIME ZONE 'UTC', 'YYYYMMDD') $$;

-- Makes the partition of each week that `instants` reach and that has none yet; returns how many it
-- made (or attached again). Safe when several sessions call it at once: they take turns on an advisory lock, and a
-- partition is made as a plain table then ATTACHed, which locks polls only in SHARE UPDATE
-- EXCLUSIVE mode (reads and writes of polls go on; CREATE TABLE ... PARTITION OF would block them).
CREATE FUNCTION ensure_poll_partitions(instants timestamptz[]) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  week timestamptz;
  name text;
  made integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('store-monitor: poll partitions'));
  FOR week IN SELECT DISTINCT poll_week_start(i) FROM unnest(instants) AS i WHERE i IS NOT NULL ORDER BY 1 LOOP
    name := poll_partition_name(week);
    IF to_regclass(format('%I', name)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE polls INCLUDING DEFAULTS)', name);
    ELSIF EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass(format('%I', name))) THEN
      CONTINUE;
    END IF;
    -- A table of the name that is not attached is a week the retention sweep detached and was
    -- stopped before dropping (a killed worker): attached again, the next sweep drops it if still old.
    EXECUTE format(
      'ALTER TABLE polls ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
      name,
      to_char(week AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00',
      to_char((week + interval '7 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00');
    made := made + 1;
  END LOOP;
  RETURN made;
END
$$;

-- The old table steps aside; its rows move into the partitioned one, in this migration's transaction.
ALTER TABLE "polls" RENAME TO "polls_unpartitioned";
ALTER INDEX "polls_pkey" RENAME TO "polls_unpartitioned_pkey";

CREATE TABLE "polls" (
    "store_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL,
    "active" BOOLEAN NOT NULL,

    CONSTRAINT "polls_pkey" PRIMARY KEY ("store_id", "at")
) PARTITION BY RANGE ("at");

-- A partition for every week the existing rows reach, then the rows, then the old table gone.
SELECT ensure_poll_partitions(ARRAY(SELECT DISTINCT poll_week_start("at") FROM "polls_unpartitioned"));

INSERT INTO "polls" ("store_id", "at", "active")
SELECT "store_id", "at", "active" FROM "polls_unpartitioned" ORDER BY "store_id", "at";

DROP TABLE "polls_unpartitioned";
