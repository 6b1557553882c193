import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Reject } from '@store-monitor/csv';
import { useTestDatabase } from '@store-monitor/test-support';
import { ingestPolls } from '../src';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-ingest-ids-'));
const EMOJI = '\u{1F600}'; // one character to PostgreSQL, two UTF-16 units to JavaScript

describe('store ids as long as PostgreSQL counts them', () => {
  it('stores an id of 128 emoji and rejects one of 256 code points', async () => {
    const fits = EMOJI.repeat(128);
    const tooLong = EMOJI.repeat(256);
    const path = join(dir, 'polls.csv');
    writeFileSync(
      path,
      `store_id,status,timestamp_utc\n${fits},active,2023-02-01 10:00:00 UTC\n${tooLong},active,2023-02-01 10:00:00 UTC\n`,
    );
    const rejects: Reject[] = [];
    const summary = await ingestPolls(db, path, { onReject: (r) => rejects.push(r) });
    expect(summary).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([[3, 'store_id: is longer than 255 characters']]);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT store_id, char_length(store_id) AS n FROM polls');
      expect(rows).toEqual([{ store_id: fits, n: 128 }]);
      const stores = await client.query('SELECT id FROM stores');
      expect(stores.rows).toEqual([{ id: fits }]);
    } finally {
      await client.end();
    }
  });
});
