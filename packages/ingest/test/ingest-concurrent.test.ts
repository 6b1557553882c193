import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { untilLockWaiters, useTestDatabase } from '@store-monitor/test-support';
import { ingestHours, ingestPolls, ingestSpecialHours } from '../src';

const database = useTestDatabase();
const { db } = database;
const dir = mkdtempSync(join(tmpdir(), 'store-monitor-ingest-concurrent-'));
const HEADER = 'store_id,status,timestamp_utc';
const hour = (i: number): string => new Date(Date.UTC(2023, 1, 1) + i * 3_600_000).toISOString();

function pollsFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  return client;
}

describe('two concurrent ingests of the same changed file', () => {
  it('count between them exactly the rows changed and inserted, not twice', async () => {
    await ingestPolls(
      db,
      pollsFile(
        'base.csv',
        Array.from({ length: 200 }, (_, i) => `c,active,${hour(i)}`),
      ),
    );
    // 200 stored polls changed, and 50 new ones after them.
    const changed = pollsFile('changed.csv', [
      ...Array.from({ length: 200 }, (_, i) => `c,inactive,${hour(i)}`),
      ...Array.from({ length: 50 }, (_, i) => `c,active,${hour(200 + i)}`),
    ]);
    // A third session locks the stored rows, so both ingests read them as they were and then
    // queue on the same rows: the race the probe hit, every time.
    const locker = await connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM polls WHERE store_id = 'c' FOR UPDATE`);
      const both = Promise.all([ingestPolls(db, changed), ingestPolls(db, changed)]);
      await untilLockWaiters(locker, 2);
      await locker.query('COMMIT');
      const [one, two] = await both;
      const counts = [one, two].map(({ read, inserted, updated, duplicates }) => ({
        read,
        inserted,
        updated,
        duplicates,
      }));
      expect(counts.map((c) => c.read)).toEqual([250, 250]);
      expect(counts.map((c) => c.inserted + c.updated + c.duplicates)).toEqual([250, 250]);
      expect({ inserted: one.inserted + two.inserted, updated: one.updated + two.updated }).toEqual({
        inserted: 50,
        updated: 200,
      });
      const { rows } = await locker.query(
        `SELECT active, count(*)::int AS n FROM polls GROUP BY active ORDER BY active`,
      );
      expect(rows).toEqual([
        { active: false, n: 200 },
        { active: true, n: 50 },
      ]);
    } finally {
      await locker.end();
    }
  }, 60_000);
});

describe('two concurrent loads of the same changed business hours', () => {
  it('leave the store the file\u2019s rows once, and count them once between them', async () => {
    const hoursFile = (name: string, rows: string[]): string => {
      const path = join(dir, name);
      writeFileSync(path, `store_id,day,start_time_local,end_time_local\n${rows.join('\n')}\n`);
      return path;
    };
    await ingestHours(db, hoursFile('hours1.csv', ['h,0,09:00,17:00', 'h,1,09:00,17:00']));
    const changed = hoursFile('hours2.csv', ['h,0,10:00,18:00', 'h,1,10:00,18:00', 'h,2,10:00,18:00']);
    const locker = await connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM stores WHERE id = 'h' FOR UPDATE`);
      const both = Promise.all([ingestHours(db, changed), ingestHours(db, changed)]);
      await untilLockWaiters(locker, 2);
      await locker.query('COMMIT');
      const [one, two] = await both;
      expect({ inserted: one.inserted + two.inserted, duplicates: one.duplicates + two.duplicates }).toEqual({
        inserted: 3,
        duplicates: 3,
      });
      const { rows } = await locker.query(
        `SELECT day, start_ms / 3600000 AS start_h FROM business_hours WHERE store_id = 'h' ORDER BY day`,
      );
      expect(rows).toEqual([
        { day: 0, start_h: 10 },
        { day: 1, start_h: 10 },
        { day: 2, start_h: 10 },
      ]);
    } finally {
      await locker.end();
    }
  }, 60_000);
});

describe('two concurrent loads of the same changed special days', () => {
  it('leave the store the file\u2019s rows for its dates once, and count them once between them', async () => {
    const specialFile = (name: string, rows: string[]): string => {
      const path = join(dir, name);
      writeFileSync(path, `store_id,date,start_time_local,end_time_local\n${rows.join('\n')}\n`);
      return path;
    };
    await ingestSpecialHours(db, specialFile('special1.csv', ['s,2024-12-24,09:00,14:00', 's,2024-12-25,,']));
    const changed = specialFile('special2.csv', ['s,2024-12-25,10:00,12:00', 's,2024-12-26,,']);
    const locker = await connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM stores WHERE id = 's' FOR UPDATE`);
      const both = Promise.all([ingestSpecialHours(db, changed), ingestSpecialHours(db, changed)]);
      await untilLockWaiters(locker, 2);
      await locker.query('COMMIT');
      const [one, two] = await both;
      expect({ inserted: one.inserted + two.inserted, duplicates: one.duplicates + two.duplicates }).toEqual({
        inserted: 2,
        duplicates: 2,
      });
      const { rows } = await locker.query(`SELECT to_char(date, 'MM-DD') AS date, start_ms / 3600000 AS start_h
        FROM special_hours WHERE store_id = 's' ORDER BY date`);
      expect(rows).toEqual([
        { date: '12-24', start_h: 9 },
        { date: '12-25', start_h: 10 },
        { date: '12-26', start_h: null },
      ]);
    } finally {
      await locker.end();
    }
  }, 60_000);
});
