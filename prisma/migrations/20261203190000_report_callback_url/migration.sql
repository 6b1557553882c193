-- Where a worker POSTs a report's outcome (POST /trigger_report's callback_url), or null for none.
ALTER TABLE "reports" ADD COLUMN "callback_url" TEXT;
