import { readSpecialHours, sourceName, type CsvSource } from '@store-monitor/csv';
import { inTransaction, type Database } from '@store-monitor/db';
import type { ClientBase } from 'pg';
import { CopyStream, copyText } from './copy-stream';
import { recordRun, type IngestSummary, type SourceOptions } from './ingest-summary';

// Dates are staged as days since 1970-01-01, as the reader gives them: no text form to get wrong.
const STAGE = `CREATE TEMP TABLE special_stage (store_id text NOT NULL, day integer NOT NULL,
  start_ms float8, end_ms float8, seq bigint NOT NULL) ON COMMIT DROP`;

/** The (store, date) pairs the file names, as rows of special_hours are keyed. */
const NAMED_DATES = `SELECT DISTINCT store_id, date '1970-01-01' + day AS date FROM special_stage`;

/**
 * Loads a special-days file (or stream) in one transaction. For each store and local date the file
 * names, the store gets exactly the file's rows for that date (a newer file replaces them); the
 * store's other dates, and stores not in the file, keep theirs. A closed date is a row with both
 * times null.
 */
export function ingestSpecialHours(db: Database, csv: CsvSource, opts: SourceOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const source = opts.source ?? sourceName(csv);
  return inTransaction(db, async (client) => {
    const { specialHours, read, rejected } = await readSpecialHours(csv, opts);
    await client.query(STAGE);
    const copy = new CopyStream(client, 'special_stage', ['store_id', 'day', 'start_ms', 'end_ms', 'seq']);
    let seq = 0;
    for (const [storeId, rows] of specialHours) {
      for (const row of rows) {
        copy.write(
          `${copyText(storeId)}\t${row.date}\t${copyNumber(row.startMs)}\t${copyNumber(row.endMs)}\t${seq++}\n`,
        );
      }
    }
    await copy.end();
    await client.query(
      'INSERT INTO stores (id) SELECT DISTINCT store_id FROM special_stage ON CONFLICT (id) DO NOTHING',
    );
    // One load at a time replaces a store's dates: a concurrent load of the same stores waits here,
    // then compares with what the first one committed, instead of adding its rows beside them.
    await client.query(
      'SELECT 1 FROM stores WHERE id IN (SELECT DISTINCT store_id FROM special_stage) ORDER BY id FOR UPDATE',
    );
    const unchanged = await countUnchangedRows(client);
    await client.query(`DELETE FROM special_hours s USING (${NAMED_DATES}) named
      WHERE s.store_id = named.store_id AND s.date = named.date`);
    await client.query(`INSERT INTO special_hours (store_id, date, start_ms, end_ms)
      SELECT store_id, date '1970-01-01' + day, start_ms, end_ms FROM special_stage ORDER BY seq`);
    await client.query(
      'UPDATE stores SET updated_at = now() WHERE id IN (SELECT DISTINCT store_id FROM special_stage)',
    );
    const inserted = seq - unchanged;
    await recordRun(client, { source, kind: 'special hours', read, inserted, duplicates: unchanged, rejected });
    const seconds = (performance.now() - started) / 1000;
    return { kind: 'special hours', source, read, inserted, updated: 0, duplicates: unchanged, rejected, seconds };
  });
}

/** A time for COPY's text format: `\N` is its null (a closed date). */
function copyNumber(ms: number | null): string {
  return ms === null ? '\\N' : String(ms);
}

/**
 * Staged rows that the store already has for the same date, row for row (a repeated file counts
 * all of them). Set operations compare nulls as equal, so closed rows match too.
 */
async function countUnchangedRows(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM (
      SELECT store_id, date '1970-01-01' + day AS date, start_ms, end_ms FROM special_stage
      INTERSECT ALL
      SELECT s.store_id, s.date, s.start_ms, s.end_ms FROM special_hours s
      JOIN (${NAMED_DATES}) named ON s.store_id = named.store_id AND s.date = named.date
    ) same`);
  return rows[0].n;
}
