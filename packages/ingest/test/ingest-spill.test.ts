/**
 * A polls file larger than a batch is set aside by store range and written range by range
 * (KeyRangeSpill). What it stores must be what the same file stores in one batch: checked on
 * seeded random files with repeated stores and instants, rows out of order, two weekly
 * partitions, into an empty database and beside polls stored before.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { useTestDatabase } from '@store-monitor/test-support';
import { ingestPolls } from '../src';
import { queryRows } from './support/query-rows';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-ingest-spill-'));
const spillDir = mkdtempSync(join(tmpdir(), 'store-monitor-ingest-spill-files-'));
const ONE_BATCH = 1e9;
const NOW = Date.UTC(2024, 0, 1);

const query = <T extends object>(sql: string) => queryRows<T>(database.url, sql);

/** Everything an ingest of polls leaves behind: the polls and each store's span. */
async function stored() {
  const polls = await query(`SELECT store_id, at::text, active FROM polls ORDER BY store_id, at`);
  const stores = await query(`SELECT id, first_poll_at::text, last_poll_at::text FROM stores ORDER BY id`);
  return { polls, stores };
}

const clear = () => query('TRUNCATE polls, stores, ingestion_runs CASCADE');

/** A seeded file: 40 stores, instants over two weeks on a 10-minute grid (so some repeat), any order. */
function randomFile(name: string, seed: number, rows: number): string {
  const [lines] = fc.sample(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 2 * 7 * 144 }), fc.boolean()), {
      minLength: rows,
      maxLength: rows,
    }),
    { seed, numRuns: 1 },
  );
  const start = Date.UTC(2023, 0, 9, 0, 0, 0); // a Monday: the file reaches two weekly partitions
  const text = lines.map(([store, slot, active]) => {
    const at = new Date(start + slot * 600_000).toISOString().replace('T', ' ').replace('Z', ' UTC');
    return `store-${String(store).padStart(2, '0')},${active ? 'active' : 'inactive'},${at}`;
  });
  const path = join(dir, name);
  writeFileSync(path, `store_id,status,timestamp_utc\n${text.join('\n')}\n`);
  return path;
}

describe('a polls file larger than a batch', () => {
  it.each([1, 2, 3])('stores what one batch stores, into an empty database (seed %i)', async (seed) => {
    const file = randomFile(`empty-${seed}.csv`, seed, 3_000);
    await clear();
    const whole = await ingestPolls(db, file, { batchPolls: ONE_BATCH, now: NOW });
    const expected = await stored();
    await clear();
    const written: [number, number][] = [];
    const onWritten = (done: number, total: number) => written.push([done, total]);
    const spilled = await ingestPolls(db, file, { batchPolls: 97, now: NOW, spillDir, onWritten });
    expect(await stored()).toEqual(expected);
    // Writing is reported batch by batch, up to every poll read.
    expect(written.length).toBeGreaterThan(10);
    expect(written.every(([done, total], i) => total === 3_000 && done > (written[i - 1]?.[0] ?? 0))).toBe(true);
    expect(written.at(-1)).toEqual([3_000, 3_000]);
    expect(spilled.inserted).toBe(whole.inserted);
    expect(spilled.inserted + spilled.updated + spilled.duplicates).toBe(3_000);
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it.each([4, 5])('stores what one batch stores, beside polls stored before (seed %i)', async (seed) => {
    const before = randomFile(`before-${seed}.csv`, seed, 1_500);
    const file = randomFile(`after-${seed}.csv`, seed + 100, 3_000);
    await clear();
    await ingestPolls(db, before, { batchPolls: ONE_BATCH, now: NOW });
    const whole = await ingestPolls(db, file, { batchPolls: ONE_BATCH, now: NOW });
    const expected = await stored();
    await clear();
    await ingestPolls(db, before, { batchPolls: ONE_BATCH, now: NOW });
    const spilled = await ingestPolls(db, file, { batchPolls: 61, now: NOW, spillDir });
    expect(await stored()).toEqual(expected);
    expect(spilled.inserted).toBe(whole.inserted);
    expect(readdirSync(spillDir)).toEqual([]);
  });
});
