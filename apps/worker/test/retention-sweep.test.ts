import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ReportRecords, ensurePollPartitions } from '@store-monitor/db';
import { FolderReportStore, partsDir, reportFilePath, type LogWriter } from '@store-monitor/service';
import { untilLockWaiters, useTestDatabase } from '@store-monitor/test-support';
import { sweepRetentionOnce, type RetentionContext } from '../src/retention-sweep';

const { url, db } = useTestDatabase();
const DAY_MS = 86_400_000;
/** A Wednesday: its week began Monday 2023-02-27. */
const NOW = Date.parse('2023-03-01T12:00:00Z');

/** Log lines as [message, fields]. */
function memoryLog(): { log: LogWriter; lines: Array<[string, object]> } {
  const lines: Array<[string, object]> = [];
  const write = (fields: object, message: string) => void lines.push([message, fields]);
  return { log: { debug: write, info: write, warn: write, error: write } as unknown as LogWriter, lines };
}

async function query<T extends object>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const partitions = async (): Promise<string[]> =>
  (
    await query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'polls'::regclass ORDER BY 1`,
    )
  ).map((row) => row.name);

function context(retention: RetentionContext['retention'], dir: string) {
  const { log, lines } = memoryLog();
  const store = new FolderReportStore(dir);
  const parts: RetentionContext = { db, records: new ReportRecords(db.prisma), store, log, retention };
  return { parts, lines, store };
}

describe('the retention sweep', () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-monitor-retention-'));

  it('makes this week and the next, and keeps every poll when no retention is set', async () => {
    const { parts, lines } = context({ pollsDays: undefined, reportsDays: undefined }, dir);
    const first = await sweepRetentionOnce(parts, NOW);
    expect(first).toEqual({ madePartitions: 2, droppedPartitions: [], removedReports: [] });
    expect(await partitions()).toEqual(['polls_p20230227', 'polls_p20230306']);
    expect(lines).toEqual([['polls partitions made ahead', { partitions: 2 }]]);
    expect(await sweepRetentionOnce(parts, NOW)).toEqual({
      madePartitions: 0,
      droppedPartitions: [],
      removedReports: [],
    });
  });

  it('drops whole weeks that ended before the cutoff, never a week the cutoff falls in', async () => {
    // Cutoff 30 days before NOW: 2023-01-30 12:00, inside the week of 2023-01-30.
    const weeks = ['2023-01-16', '2023-01-23', '2023-01-30', '2023-02-27'];
    await ensurePollPartitions(
      db,
      weeks.map((day) => Date.parse(`${day}T00:00:00Z`) * 1000),
    );
    await query(`INSERT INTO polls (store_id, at, active) VALUES
      ('s', '2023-01-16 00:00:00+00', true), ('s', '2023-01-22 23:59:59.999999+00', true),
      ('s', '2023-01-29 23:59:59.999999+00', false),
      ('s', '2023-01-30 00:00:00+00', true), ('s', '2023-01-30 11:00:00+00', true),
      ('s', '2023-02-28 09:00:00+00', false)`);
    const { parts, lines } = context({ pollsDays: 30, reportsDays: undefined }, dir);
    const outcome = await sweepRetentionOnce(parts, NOW);
    expect(outcome).toEqual({
      madePartitions: 0,
      droppedPartitions: ['polls_p20230116', 'polls_p20230123'],
      removedReports: [],
    });
    expect(lines).toEqual([
      [
        'old polls partitions dropped (POLLS_RETENTION_DAYS)',
        { partitions: 'polls_p20230116,polls_p20230123', before: '2023-01-30T12:00:00.000Z' },
      ],
    ]);
    expect(await partitions()).toEqual(['polls_p20230130', 'polls_p20230227', 'polls_p20230306']);
    expect(await query(`SELECT count(*)::int AS n FROM polls`)).toEqual([{ n: 3 }]);
    expect(
      await query(`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('polls_p20230116', 'polls_p20230123')`),
    ).toEqual([{ n: 0 }]);
  });

  it('finishes a detach left halfway, then drops it, and drops a week detached but not dropped', async () => {
    await ensurePollPartitions(db, [
      Date.parse('2023-01-09T00:00:00Z') * 1000,
      Date.parse('2023-01-02T00:00:00Z') * 1000,
    ]);
    // What a worker killed inside DETACH ... CONCURRENTLY leaves: the partition marked pending.
    await query(`UPDATE pg_inherits SET inhdetachpending = true WHERE inhrelid = 'polls_p20230109'::regclass`);
    // And one killed between the detach and the drop: a table of the name, outside polls.
    await query('ALTER TABLE polls DETACH PARTITION polls_p20230102');
    const { parts } = context({ pollsDays: 3650, reportsDays: undefined }, dir);
    // The pending detach is finished whatever the retention (only a sweep starts one); the detached
    // week is dropped only once it is older than the retention.
    expect((await sweepRetentionOnce(parts, NOW)).droppedPartitions).toEqual(['polls_p20230109']);
    const { parts: shorter } = context({ pollsDays: 30, reportsDays: undefined }, dir);
    expect((await sweepRetentionOnce(shorter, NOW)).droppedPartitions).toEqual(['polls_p20230102']);
    expect(
      await query(`SELECT count(*)::int AS n FROM pg_class WHERE relkind = 'r' AND relname LIKE 'polls_p202301%'`),
    ).toEqual([{ n: 1 }]);
    expect(await partitions()).toEqual(['polls_p20230130', 'polls_p20230227', 'polls_p20230306']);
  });

  it('waits for a transaction reading polls, without stopping other reads and writes meanwhile', async () => {
    await ensurePollPartitions(db, [Date.parse('2022-12-05T00:00:00Z') * 1000]);
    await query(`INSERT INTO polls (store_id, at, active) VALUES ('r', '2022-12-06 00:00:00+00', true)`);
    const reader = new Client({ connectionString: url });
    await reader.connect();
    try {
      await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      expect((await reader.query(`SELECT count(*)::int AS n FROM polls`)).rows).toEqual([{ n: 4 }]);
      const { parts } = context({ pollsDays: 60, reportsDays: undefined }, dir);
      const sweep = sweepRetentionOnce(parts, NOW);
      await untilLockWaiters(reader, 1);
      // The detach waits on the reader; meanwhile polls stays open to others, reads and writes alike.
      await query(`INSERT INTO polls (store_id, at, active) VALUES ('r', '2023-02-28 10:00:00+00', true)`);
      expect(await query(`SELECT count(*)::int AS n FROM polls WHERE at >= '2023-01-01'`)).toEqual([{ n: 4 }]);
      // The reader's snapshot still sees the week being detached.
      expect((await reader.query(`SELECT count(*)::int AS n FROM polls WHERE store_id = 'r'`)).rows).toEqual([
        { n: 1 },
      ]);
      await reader.query('COMMIT');
      expect((await sweep).droppedPartitions).toEqual(['polls_p20221205']);
    } finally {
      await reader.end();
    }
    expect(await partitions()).toEqual(['polls_p20230130', 'polls_p20230227', 'polls_p20230306']);
  });

  it('removes finished reports older than REPORTS_RETENTION_DAYS, with their files', async () => {
    const { parts, lines, store } = context({ pollsDays: undefined, reportsDays: 7 }, dir);
    const records = parts.records;
    const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS);
    const make = async (
      status: 'complete' | 'failed' | 'running',
      finishedDaysAgo: number | null,
      createdDaysAgo: number,
    ) => {
      const report = await records.create({ asOf: null, policy: 'nearest' });
      await db.prisma.report.update({
        where: { id: report.id },
        data: {
          status,
          createdAt: at(createdDaysAgo),
          finishedAt: finishedDaysAgo === null ? null : at(finishedDaysAgo),
        },
      });
      await store.writeReport(report.id, ['store_id,uptime_last_hour\n']);
      await store.writePart(report.id, 0, ['a']);
      return report.id;
    };
    const oldComplete = await make('complete', 8, 9);
    const oldFailed = await make('failed', 30, 30);
    const oldNoFinish = await make('failed', null, 10);
    const stillRunning = await make('running', null, 40);
    const recent = await make('complete', 6, 9);
    const outcome = await sweepRetentionOnce(parts, Date.now());
    expect(outcome.removedReports.sort()).toEqual([oldComplete, oldFailed, oldNoFinish].sort());
    const left = await db.prisma.report.findMany({ select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([stillRunning, recent].sort());
    for (const id of [oldComplete, oldFailed, oldNoFinish]) {
      expect(existsSync(reportFilePath(dir, id))).toBe(false);
      expect(existsSync(partsDir(dir, id))).toBe(false);
    }
    for (const id of [stillRunning, recent]) expect(existsSync(reportFilePath(dir, id))).toBe(true);
    expect(lines.filter(([message]) => message.startsWith('old reports'))).toEqual([
      ['old reports removed (REPORTS_RETENTION_DAYS)', { reports: 3, before: expect.any(String) }],
    ]);
  });
});
