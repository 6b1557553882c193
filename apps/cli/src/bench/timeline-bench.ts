// The timeline line of `npm run bench`: one store's explained week from the benchmark's database,
// as the API's GET /stores/{id}/timeline reads it, beside the whole report --db of the same run.
import { createDatabase } from '@store-monitor/db';
import { formatReportRow, type Policy, type StoreTimeline } from '@store-monitor/engine';
import { storeTimelineFromDatabase } from '@store-monitor/report-reader';
import { verdict } from './measure';

const STORES = 50;
const TARGET_P50_MS = 50;

/**
 * The stores to time: 50 of those with polls, picked by a hash of the id, so every run (and every
 * machine) times the same ones, spread over the id range rather than its start.
 */
const PICK_SQL = `SELECT id FROM stores WHERE last_poll_at IS NOT NULL ORDER BY md5(id) LIMIT ${STORES}`;

const CASES: Array<{ name: string; policy: Policy; maxGapMs?: number }> = [
  { name: 'nearest', policy: 'nearest' },
  { name: 'forward 2h', policy: 'forward', maxGapMs: 2 * 3_600_000 },
];

/**
 * Per case: p50, p95 and the slowest of the stores' timelines, in the process (no command start-up),
 * beside the whole report's seconds; then how many of the nearest timelines' rows are the report's
 * own rows (`reportCsv`, report --db with its defaults), which they must all be.
 */
export async function runTimelineBench(
  databaseUrl: string,
  reportSeconds: number,
  reportCsv: string,
): Promise<string[][]> {
  const db = createDatabase(databaseUrl);
  try {
    const ids = (await db.pool.query<{ id: string }>(PICK_SQL)).rows.map((r) => r.id);
    // Once untimed: the first call opens the pool's connection and warms the code.
    await storeTimelineFromDatabase(db, ids[0], { policy: 'nearest' });
    const rows: string[][] = [];
    let defaults: StoreTimeline[] = [];
    for (const { name, policy, maxGapMs } of CASES) {
      const { ms, timelines } = await timeEach(ids, (id) => storeTimelineFromDatabase(db, id, { policy, maxGapMs }));
      if (policy === 'nearest' && maxGapMs === undefined) defaults = timelines;
      const p50 = percentile(ms, 0.5);
      rows.push([
        `timeline ${name}, one store`,
        `p50 ${p50.toFixed(1)} ms, p95 ${percentile(ms, 0.95).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms ` +
          `over ${ids.length} stores (target p50 < ${TARGET_P50_MS} ms) ${verdict(p50 < TARGET_P50_MS)}; ` +
          `whole report --db ${reportSeconds.toFixed(2)} s`,
      ]);
    }
    const reportLines = new Set(reportCsv.split('\n'));
    const same = defaults.filter((t) => reportLines.has(formatReportRow(t.row))).length;
    rows.push([
      'timeline rows = report --db rows',
      `${same} of ${defaults.length} ${verdict(same === defaults.length && same > 0)}`,
    ]);
    return rows;
  } finally {
    await db.close();
  }
}

/** Each call's milliseconds, one after another (as one client would ask), and the timelines. */
async function timeEach(
  ids: string[],
  call: (id: string) => Promise<StoreTimeline | null>,
): Promise<{ ms: number[]; timelines: StoreTimeline[] }> {
  const ms: number[] = [];
  const timelines: StoreTimeline[] = [];
  for (const id of ids) {
    const started = performance.now();
    const timeline = await call(id);
    ms.push(performance.now() - started);
    if (timeline === null) throw new Error(`store ${id} has no timeline`);
    timelines.push(timeline);
  }
  return { ms, timelines };
}

/** The nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
