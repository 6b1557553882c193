import { ensurePollPartitions } from '@store-monitor/db';
import { useTestDatabase } from '@store-monitor/test-support';
import { windowPollsSql } from '../src/report-query';

const { db } = useTestDatabase();
const us = (iso: string): number => Date.parse(iso) * 1000;

/** Every table a plan reads, in the order it names them, each once. */
function relations(plan: unknown, found: string[] = []): string[] {
  if (Array.isArray(plan)) for (const each of plan) relations(each, found);
  else if (plan !== null && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    const name = node['Relation Name'];
    if (typeof name === 'string' && !found.includes(name)) found.push(name);
    for (const value of Object.values(node)) relations(value, found);
  }
  return found;
}

type PlanNode = { 'Node Type'?: string; Plans?: PlanNode[] } & Record<string, unknown>;

/**
 * The union's two branches: the first Append with a Limit among its members holds the look-back
 * (the Limit) and the window (the other member).
 */
function branches(plan: unknown): { lookBack: PlanNode; window: PlanNode } | undefined {
  if (Array.isArray(plan)) return plan.map(branches).find((found) => found !== undefined);
  if (plan === null || typeof plan !== 'object') return undefined;
  const node = plan as PlanNode;
  const members = node.Plans ?? [];
  const lookBack = members.find((member) => member['Node Type'] === 'Limit');
  const window = members.find((member) => member !== lookBack);
  if (node['Node Type'] === 'Append' && lookBack && window && members.length === 2) return { lookBack, window };
  return Object.values(node)
    .map(branches)
    .find((found) => found !== undefined);
}

describe("the report's polls query on weekly partitions", () => {
  it('reads the partitions up to now only: the window its weeks, the look-back the weeks before', async () => {
    // Ten weeks from Monday 2023-01-02; the window runs from Wednesday 2023-02-08 to 2023-02-15.
    const mondays = Array.from({ length: 10 }, (_, i) => us('2023-01-02T00:00:00Z') + i * 7 * 86_400_000_000);
    expect(await ensurePollPartitions(db, mondays)).toBe(10);
    await db.pool.query(`INSERT INTO stores (id, last_poll_at) VALUES ('a', '2023-02-15 12:00:00+00')`);
    await db.pool.query(`INSERT INTO polls (store_id, at, active)
      SELECT 'a', timestamptz '2023-01-02 00:00:00+00' + i * interval '5 hours', true FROM generate_series(0, 300) AS i`);
    await db.pool.query('ANALYZE polls');
    const sql = windowPollsSql(us('2023-02-08T12:00:00Z'), us('2023-02-15T12:00:00Z'), 48);
    const { rows } = await db.pool.query(`EXPLAIN (FORMAT JSON) ${sql}`);
    const read = relations(rows[0]['QUERY PLAN'])
      .filter((name) => name.startsWith('polls_p'))
      .sort();
    // Weeks of 2023-02-20 to 2023-03-06 lie after now: pruned when the query is planned.
    expect(read).toEqual([
      'polls_p20230102',
      'polls_p20230109',
      'polls_p20230116',
      'polls_p20230123',
      'polls_p20230130',
      'polls_p20230206',
      'polls_p20230213',
    ]);
    // The window reads only the two weeks it overlaps; the look-back, the weeks up to its start.
    const union = branches(rows[0]['QUERY PLAN']);
    expect(relations(union?.window).sort()).toEqual(['polls_p20230206', 'polls_p20230213']);
    expect(relations(union?.lookBack).sort()).toEqual(read.slice(0, 6));
  });
});
