-- The as_of of a report must lie between the first poll and a margin after the latest one. Each store
-- keeps its first poll beside its latest (ingest maintains both), so the bounds are read from the
-- stores instead of a scan of every poll.
ALTER TABLE "stores" ADD COLUMN "first_poll_at" TIMESTAMPTZ(6);

-- The instant a report was computed at (its as_of, or the latest poll), fixed when it is planned.
ALTER TABLE "reports" ADD COLUMN "now" TIMESTAMPTZ(6);

-- Backfill for polls loaded before this migration
UPDATE "stores" SET "first_poll_at" = span.first
FROM (SELECT "store_id", min("at") AS first FROM "polls" GROUP BY "store_id") span
WHERE span."store_id" = "stores"."id";

-- A report with an as_of was computed at it, and the now of an older default report was only logged.
UPDATE "reports" SET "now" = "as_of" WHERE "as_of" IS NOT NULL;
