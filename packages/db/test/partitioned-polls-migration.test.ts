import { Client } from 'pg';
import { testDatabaseUrl } from '@store-monitor/test-support';
import { migrateDatabase, weekStartUs } from '../src';

const BEFORE = '20261203190000_report_callback_url';

/** Every poll as text, microseconds exact, in key order. */
const ALL_ROWS = `SELECT store_id, (extract(epoch FROM at) * 1000000)::bigint::text AS us, active
  FROM polls ORDER BY store_id, at`;

/** The partitions of polls, by name, with the range each takes, in UTC. */
const PARTITIONS = `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'polls'::regclass ORDER BY c.relname`;

function partitionName(weekUs: number): string {
  return `polls_p${new Date(weekUs / 1000).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

describe('the migration to partitioned polls', () => {
  const database = testDatabaseUrl();
  const client = new Client({ connectionString: database.url });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('moves every row of the old table into weekly partitions, none lost or changed', async () => {
    await migrateDatabase(database.url, { through: BEFORE });
    await client.connect();
    await client.query(`SET TimeZone = 'UTC'`);
    expect((await client.query(`SELECT relkind FROM pg_class WHERE relname = 'polls'`)).rows).toEqual([
      { relkind: 'r' },
    ]);
    // 3 stores x 3000 polls 17 min 3.000001 s apart from Sunday 2023-01-08 23:00 (six weeks), then
    // odd instants: each Monday 00:00:00 exactly and the microsecond before it, before the epoch,
    // after 2038, and one far away.
    await client.query(`INSERT INTO polls (store_id, at, active)
      SELECT 's' || s, timestamptz '2023-01-08 23:00:00+00' + i * interval '17 minutes 3.000001 seconds',
             (i * 7 + s) % 3 <> 0
      FROM generate_series(1, 3) AS s, generate_series(0, 2999) AS i`);
    await client.query(`INSERT INTO polls (store_id, at, active)
      SELECT 'edge', timestamptz '2023-01-09 00:00:00+00' + w * interval '7 days' + d * interval '1 microsecond', d = 0
      FROM generate_series(0, 6) AS w, generate_series(-1, 0) AS d`);
    await client.query(`INSERT INTO polls (store_id, at, active) VALUES
      ('old', '1969-12-31 23:59:59.999999+00', true), ('old', '1970-01-01 00:00:00.000001+00', false),
      ('late', '2038-01-19 03:14:08.123456+00', true), ('late', '2099-12-28 00:00:00+00', false)`);
    const before = (await client.query(ALL_ROWS)).rows;
    expect(before).toHaveLength(9000 + 14 + 4);

    const applied = await migrateDatabase(database.url);
    expect(applied.output).toMatch(/20261204120000_partitioned_polls/);

    const after = (await client.query(ALL_ROWS)).rows;
    expect(after).toEqual(before);
    const expectedNames = [...new Set(before.map((row) => partitionName(weekStartUs(Number(row.us)))))].sort();
    const partitions = (await client.query<{ name: string; bound: string }>(PARTITIONS)).rows;
    expect(partitions.map((p) => p.name)).toEqual(expectedNames);
    expect(partitions.map((p) => p.name)).toEqual([
      'polls_p19691229',
      'polls_p20230102',
      'polls_p20230109',
      'polls_p20230116',
      'polls_p20230123',
      'polls_p20230130',
      'polls_p20230206',
      'polls_p20230213',
      'polls_p20230220',
      'polls_p20380118',
      'polls_p20991228',
    ]);
    expect(partitions.find((p) => p.name === 'polls_p20230116')?.bound).toBe(
      `FOR VALUES FROM ('2023-01-16 00:00:00+00') TO ('2023-01-23 00:00:00+00')`,
    );
    expect(partitions.some((p) => p.bound === 'DEFAULT')).toBe(false);
    // Each row sits in the partition of its own week: the Monday 00:00 is the first instant of one.
    const misplaced = await client.query(
      `SELECT count(*)::int AS n FROM polls WHERE tableoid::regclass::text <> poll_partition_name(poll_week_start(at))`,
    );
    expect(misplaced.rows).toEqual([{ n: 0 }]);
    const edges = await client.query(
      `SELECT tableoid::regclass::text AS part, count(*)::int AS n FROM polls WHERE store_id = 'edge' GROUP BY 1 ORDER BY 1`,
    );
    expect(edges.rows).toEqual([
      { part: 'polls_p20230102', n: 1 },
      ...['0109', '0116', '0123', '0130', '0206', '0213'].map((d) => ({ part: `polls_p2023${d}`, n: 2 })),
      { part: 'polls_p20230220', n: 1 },
    ]);
    const parent = await client.query(
      `SELECT c.relkind, pg_get_partkeydef(c.oid) AS key, pg_get_indexdef('polls_pkey'::regclass) AS pkey,
              to_regclass('polls_unpartitioned') IS NULL AS old_gone
       FROM pg_class c WHERE c.relname = 'polls'`,
    );
    expect(parent.rows).toEqual([
      {
        relkind: 'p',
        key: 'RANGE (at)',
        pkey: 'CREATE UNIQUE INDEX polls_pkey ON ONLY public.polls USING btree (store_id, at)',
        old_gone: true,
      },
    ]);
  }, 180_000);
});
