-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "report_status" AS ENUM ('queued', 'running', 'complete', 'failed');

-- CreateTable
CREATE TABLE "stores" (
    "id" TEXT NOT NULL,
    "time_zone" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_hours" (
    "id" BIGSERIAL NOT NULL,
    "store_id" TEXT NOT NULL,
    "day" SMALLINT NOT NULL,
    "start_ms" DOUBLE PRECISION NOT NULL,
    "end_ms" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "business_hours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "polls" (
    "store_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL,
    "active" BOOLEAN NOT NULL,

    CONSTRAINT "polls_pkey" PRIMARY KEY ("store_id","at")
);

-- CreateTable
CREATE TABLE "reports" (
    "id" UUID NOT NULL,
    "status" "report_status" NOT NULL DEFAULT 'queued',
    "as_of" TIMESTAMPTZ(6),
    "policy" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "row_count" INTEGER,
    "file_path" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingestion_runs" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "read" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "ingestion_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "business_hours_store_id_idx" ON "business_hours"("store_id");

-- CreateIndex
CREATE INDEX "polls_at_idx" ON "polls"("at");

-- CreateIndex
CREATE INDEX "reports_created_at_idx" ON "reports"("created_at");

-- AddForeignKey
ALTER TABLE "business_hours" ADD CONSTRAINT "business_hours_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "polls" ADD CONSTRAINT "polls_store_id_fkey" FOREIGN KEY ("store_id") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

