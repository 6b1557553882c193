import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Reject } from '@store-monitor/csv';
import { useTestDatabase } from '@store-monitor/test-support';
import { ingestPolls } from '../src';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-ingest-future-'));

describe('ingesting polls dated in the future', () => {
  it('rejects them with their line, counts them and leaves every store its real latest poll', async () => {
    const path = join(dir, 'polls.csv');
    const lines = [
      'store_id,status,timestamp_utc',
      'a,active,2023-02-01 10:00:00 UTC',
      'a,inactive,9999-12-31 23:59:59.999999 UTC',
      'b,active,2023-02-01 11:00:00 UTC',
    ];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const rejects: Reject[] = [];
    const summary = await ingestPolls(db, path, { onReject: (r) => rejects.push(r), now: Date.UTC(2023, 1, 1, 12) });
    expect(summary).toMatchObject({ read: 3, inserted: 2, updated: 0, duplicates: 0, rejected: 1, future: 1 });
    expect(rejects).toEqual([
      {
        file: path,
        line: 3,
        reason:
          'timestamp_utc: "9999-12-31 23:59:59.999999 UTC" is in the future (later than 2023-02-01T13:00:00Z, now plus 1h)',
        raw: lines[2],
      },
    ]);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const latest = await client.query(
        `SELECT id, to_char(last_poll_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at FROM stores ORDER BY id`,
      );
      expect(latest.rows).toEqual([
        { id: 'a', at: '2023-02-01 10:00' },
        { id: 'b', at: '2023-02-01 11:00' },
      ]);
      const runs = await client.query('SELECT read, inserted, duplicates, rejected FROM ingestion_runs');
      expect(runs.rows).toEqual([{ read: 3, inserted: 2, duplicates: 0, rejected: 1 }]);
    } finally {
      await client.end();
    }
  });

  it('judges by the clock when no now is given', async () => {
    const path = join(dir, 'clock.csv');
    writeFileSync(
      path,
      'store_id,status,timestamp_utc\nc,active,9999-12-31 23:59:59.999999 UTC\nc,active,2023-02-01 12:00:00 UTC\n',
    );
    expect(await ingestPolls(db, path)).toMatchObject({ read: 2, inserted: 1, rejected: 1, future: 1 });
  });
});
