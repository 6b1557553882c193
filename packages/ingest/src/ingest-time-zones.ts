import { readTimeZones, sourceName, type CsvSource } from '@store-monitor/csv';
import { inTransaction, type Database } from '@store-monitor/db';
import { CopyStream, copyText } from './copy-stream';
import { recordRun, type IngestSummary, type SourceOptions } from './ingest-summary';
import { upsertCounts } from './store-batch';

const STAGE = `CREATE TEMP TABLE zones_stage (store_id text NOT NULL, time_zone text NOT NULL) ON COMMIT DROP`;

const UPSERT = `
  INSERT INTO stores (id, time_zone) SELECT store_id, time_zone FROM zones_stage
  ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, updated_at = now()
    WHERE stores.time_zone IS DISTINCT FROM EXCLUDED.time_zone`;

/** Loads a time-zone file (or stream) in one transaction: new stores are added, changed zones updated. */
export function ingestTimeZones(db: Database, csv: CsvSource, opts: SourceOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const source = opts.source ?? sourceName(csv);
  return inTransaction(db, async (client) => {
    // The reader keeps the last row of each store, so the staged ids are unique.
    const { timeZones, read, rejected } = await readTimeZones(csv, opts);
    await client.query(STAGE);
    const copy = new CopyStream(client, 'zones_stage', ['store_id', 'time_zone']);
    for (const [storeId, zone] of timeZones) copy.write(`${copyText(storeId)}\t${copyText(zone)}\n`);
    await copy.end();
    const { inserted, updated } = await upsertCounts(client, UPSERT);
    const duplicates = timeZones.size - inserted - updated;
    await recordRun(client, { source, kind: 'time zones', read, inserted, duplicates, rejected });
    const seconds = (performance.now() - started) / 1000;
    return { kind: 'time zones', source, read, inserted, updated, duplicates, rejected, seconds };
  });
}
