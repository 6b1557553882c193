-- The state of the data a complete report reflects: the number of loads (ingestion_runs) it saw.
ALTER TABLE "reports" ADD COLUMN "data_version" INTEGER;
