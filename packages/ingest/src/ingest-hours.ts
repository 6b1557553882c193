import { readHours, sourceName, type CsvSource } from '@store-monitor/csv';
import { inTransaction, type Database } from '@store-monitor/db';
import type { ClientBase } from 'pg';
import { CopyStream, copyText } from './copy-stream';
import { recordRun, type IngestSummary, type SourceOptions } from './ingest-summary';

const STAGE = `CREATE TEMP TABLE hours_stage (store_id text NOT NULL, day smallint NOT NULL,
  start_ms float8 NOT NULL, end_ms float8 NOT NULL, seq bigint NOT NULL) ON COMMIT DROP`;

/**
 * Loads a business-hours file (or stream) in one transaction: each store in the file gets exactly the rows
 * the file gives it (a newer file replaces a store's hours); stores not in it keep theirs.
 */
export function ingestHours(db: Database, csv: CsvSource, opts: SourceOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const source = opts.source ?? sourceName(csv);
  return inTransaction(db, async (client) => {
    const { hours, read, rejected } = await readHours(csv, opts);
    await client.query(STAGE);
    const copy = new CopyStream(client, 'hours_stage', ['store_id', 'day', 'start_ms', 'end_ms', 'seq']);
    let seq = 0;
    for (const [storeId, rows] of hours) {
      for (const row of rows) copy.write(`${copyText(storeId)}\t${row.day}\t${row.startMs}\t${row.endMs}\t${seq++}\n`);
    }
    await copy.end();
    await client.query('INSERT INTO stores (id) SELECT DISTINCT store_id FROM hours_stage ON CONFLICT (id) DO NOTHING');
    // One load at a time replaces a store's hours: a concurrent load of the same stores waits here,
    // then compares with what the first one committed, instead of adding its rows beside them.
    await client.query(
      'SELECT 1 FROM stores WHERE id IN (SELECT DISTINCT store_id FROM hours_stage) ORDER BY id FOR UPDATE',
    );
    const unchanged = await countUnchangedRows(client);
    await client.query('DELETE FROM business_hours WHERE store_id IN (SELECT DISTINCT store_id FROM hours_stage)');
    await client.query(`INSERT INTO business_hours (store_id, day, start_ms, end_ms)
      SELECT store_id, day, start_ms, end_ms FROM hours_stage ORDER BY seq`);
    await client.query('UPDATE stores SET updated_at = now() WHERE id IN (SELECT DISTINCT store_id FROM hours_stage)');
    const inserted = seq - unchanged;
    await recordRun(client, { source, kind: 'hours', read, inserted, duplicates: unchanged, rejected });
    const seconds = (performance.now() - started) / 1000;
    return { kind: 'hours', source, read, inserted, updated: 0, duplicates: unchanged, rejected, seconds };
  });
}

/** Staged rows that a store already has, row for row (a repeated file counts all of them). */
async function countUnchangedRows(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM (
      SELECT store_id, day, start_ms, end_ms FROM hours_stage
      INTERSECT ALL
      SELECT store_id, day, start_ms, end_ms FROM business_hours
      WHERE store_id IN (SELECT DISTINCT store_id FROM hours_stage)
    ) same`);
  return rows[0].n;
}
