-- Special days: per store and local date, rows that replace that date's weekly business hours.
-- Times are ms after local midnight as in business_hours, and both null means closed on that date
-- (a row with only one of them is refused by the reader, and by the check here).
CREATE TABLE "special_hours" (
    "id" BIGSERIAL NOT NULL,
    "store_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "start_ms" DOUBLE PRECISION,
    "end_ms" DOUBLE PRECISION,

    CONSTRAINT "special_hours_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "special_hours_times_check" CHECK (("start_ms" IS NULL) = ("end_ms" IS NULL))
);

-- A newer file replaces a store's rows for the dates it names, and a report reads a store's rows:
-- both go by store, then date.
CREATE INDEX "special_hours_store_id_date_idx" ON "special_hours"("store_id", "date");

ALTER TABLE "special_hours" ADD CONSTRAINT "special_hours_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A report's max gap in ms (business time with evidence further away is unknown), or null when unset.
ALTER TABLE "reports" ADD COLUMN "max_gap_ms" BIGINT;
