import { streamPolls, type ReadOptions } from '@store-monitor/csv';
import type { Client } from 'pg';
import { CopyStream } from './copy-stream';
import { copyText } from './copy-text';
import type { IngestSummary } from './ingest-summary';
import { inTransaction, recordRun } from './transaction';
import { upsertCounts } from './upsert-counts';

// Bulk path in raw SQL: millions of polls go through COPY into a staging table and one set-based
// merge; row-by-row inserts through Prisma would be orders of magnitude slower.
const STAGE = `CREATE TEMP TABLE polls_stage (store_id text NOT NULL, at_us bigint NOT NULL,
  active boolean NOT NULL, seq bigint NOT NULL) ON COMMIT DROP`;

// Within a file the later row of one store and instant wins; across files the newer file does.
const UPSERT = `
  INSERT INTO polls (store_id, at, active)
  SELECT store_id, timestamptz 'epoch' + at_us * interval '1 microsecond', active FROM (
    SELECT DISTINCT ON (store_id, at_us) store_id, at_us, active
    FROM polls_stage ORDER BY store_id, at_us, seq DESC
  ) latest
  ON CONFLICT (store_id, at) DO UPDATE SET active = EXCLUDED.active
    WHERE polls.active IS DISTINCT FROM EXCLUDED.active`;

// Each store's latest poll, for a report's default now (there is no index over every poll).
const LAST_POLL = `
  UPDATE stores SET last_poll_at = latest.at
  FROM (SELECT store_id, timestamptz 'epoch' + max(at_us) * interval '1 microsecond' AS at
        FROM polls_stage GROUP BY store_id) latest
  WHERE stores.id = latest.store_id AND (stores.last_poll_at IS NULL OR stores.last_poll_at < latest.at)`;

/** Loads a polls file in one transaction; repeating it adds nothing. */
export function ingestPolls(databaseUrl: string, path: string, opts: ReadOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  return inTransaction(databaseUrl, async (client) => {
    await client.query(STAGE);
    const { read, rejected, staged } = await stagePolls(client, path, opts);
    await client.query('INSERT INTO stores (id) SELECT DISTINCT store_id FROM polls_stage ON CONFLICT (id) DO NOTHING');
    const { inserted, updated } = await upsertCounts(client, UPSERT);
    await client.query(LAST_POLL);
    const duplicates = staged - inserted - updated;
    await recordRun(client, { source: path, kind: 'polls', read, inserted, duplicates, rejected });
    const seconds = (performance.now() - started) / 1000;
    return { kind: 'polls', source: path, read, inserted, updated, duplicates, rejected, seconds };
  });
}

async function stagePolls(client: Client, path: string, opts: ReadOptions) {
  const copy = new CopyStream(client, 'polls_stage', ['store_id', 'at_us', 'active', 'seq']);
  let staged = 0;
  const add = (storeId: string, at: number, active: boolean): void => {
    // Whole microseconds since the epoch: exact in a double for any real date.
    copy.write(`${copyText(storeId)}\t${Math.round(at * 1000)}\t${active ? 't' : 'f'}\t${staged++}\n`);
  };
  try {
    const counts = await streamPolls(
      path,
      { add, addIn: (text, start, end, at, active) => add(text.substring(start, end), at, active) },
      { ...opts, afterChunk: copy.drained },
    );
    await copy.end();
    return { ...counts, staged };
  } catch (error) {
    await copy.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
