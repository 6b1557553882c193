import { Prisma, type PrismaClient, type Report, type ReportStatus } from './generated/client';
import { microsFromMs, msFromMicros } from './instants';

/**
 * A report's row, with its as_of and now to the microsecond in ms since the epoch (null when
 * unset). The table keeps microseconds but a Prisma Date only milliseconds: a now shown as
 * ...26.217Z when it was ...26.217913Z would, given back as as_of, leave out the very poll that made it.
 * The max gap is a plain number of ms (the column is a bigint, which JSON could not carry).
 */
export interface ReportRecord extends Omit<Report, 'maxGapMs'> {
  asOfMs: number | null;
  nowMs: number | null;
  /** Business time with evidence further away than this is unknown; null: the report has no max gap. */
  maxGapMs: number | null;
}

/** What a new report is asked for. */
export interface ReportRequest {
  /** In ms since the epoch, microseconds as a fraction (kept); null: the latest poll. */
  asOf: Date | number | null;
  policy: string;
  /** A whole, positive number of ms; absent or null: no max gap. */
  maxGapMs?: number | null;
  /** Where a worker POSTs the outcome (the API has checked it against its allow list); absent or null: none. */
  callbackUrl?: string | null;
}
export type { ReportStatus };

interface ExactRow {
  id: string;
  as_of_us: string | null;
  now_us: string | null;
}

/** A page of reports, newest first. */
export interface ReportPage {
  reports: ReportRecord[];
  total: number;
}

/**
 * The reports table through Prisma: what the API and the workers say about a report. Each
 * transition is guarded by the status it starts from, so a late or repeated job (a retry, a
 * stalled job run twice) can never move a finished report backwards.
 */
export class ReportRecords {
  constructor(private readonly prisma: PrismaClient) {}

  /** `asOf` in ms since the epoch may carry microseconds as a fraction; they are kept. */
  async create(request: ReportRequest): Promise<ReportRecord> {
    const asOfMs = request.asOf instanceof Date ? request.asOf.getTime() : request.asOf;
    const asOf = asOfMs === null ? null : new Date(Math.floor(asOfMs));
    const maxGapMs = storedMaxGap(request.maxGapMs);
    const callbackUrl = request.callbackUrl ?? null;
    const report = await this.prisma.report.create({ data: { asOf, policy: request.policy, maxGapMs, callbackUrl } });
    if (asOfMs !== null && !Number.isInteger(asOfMs)) {
      await this.prisma.$executeRaw`UPDATE reports SET as_of = ${pgInstant(asOfMs)} WHERE id = ${report.id}::uuid`;
    }
    return { ...report, asOfMs, nowMs: null, maxGapMs: msOfMaxGap(report.maxGapMs) };
  }

  /** For a report that was never queued (the queue refused it). */
  async remove(id: string): Promise<void> {
    await this.prisma.report.deleteMany({ where: { id, status: 'queued' } });
  }

  async get(id: string): Promise<ReportRecord | null> {
    const report = await this.prisma.report.findUnique({ where: { id } });
    return report === null ? null : (await this.withExactInstants([report]))[0];
  }

  async page(offset: number, limit: number): Promise<ReportPage> {
    const [reports, total] = await this.prisma.$transaction([
      this.prisma.report.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: offset, take: limit }),
      this.prisma.report.count(),
    ]);
    return { reports: await this.withExactInstants(reports), total };
  }

  /** Returns false when the report is already finished (or unknown): its job should not run. */
  async markRunning(id: string): Promise<boolean> {
    const { count } = await this.prisma.report.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'running' },
    });
    await this.prisma.report.updateMany({ where: { id, startedAt: null }, data: { startedAt: new Date() } });
    return count === 1;
  }

  /**
   * Records the instant the report is computed at, to the microsecond (a Date would keep only
   * milliseconds of an as_of or a poll that has more). Set once: a re-run plan fixes the same now.
   */
  async setNow(id: string, nowMs: number): Promise<void> {
    await this.prisma.$executeRaw`UPDATE reports SET now = ${pgInstant(nowMs)} WHERE id = ${id}::uuid AND now IS NULL`;
  }

  /** Progress only grows, so chunks finishing out of order never make it jump back. */
  async setProgress(id: string, progress: number): Promise<void> {
    await this.prisma.report.updateMany({
      where: { id, status: 'running', progress: { lt: progress } },
      data: { progress: Math.min(1, progress) },
    });
  }

  /**
   * Queued or running reports created before `cutoff`, oldest first: the candidates of the worker's
   * stale-report sweep. Younger ones are left alone, as their jobs may still be on their way.
   */
  async unfinishedBefore(cutoff: Date, page: { skip?: number; take?: number } = {}): Promise<ReportRecord[]> {
    const reports = await this.prisma.report.findMany({
      where: { status: { in: ['queued', 'running'] }, createdAt: { lt: cutoff } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: page.skip ?? 0,
      take: page.take ?? 100,
    });
    return this.withExactInstants(reports);
  }

  /**
   * Finished reports (complete or failed) that finished before `cutoff` (or, with no finish time,
   * were created before it), oldest first: what REPORTS_RETENTION_DAYS removes.
   */
  async finishedBefore(cutoff: Date, take = 100): Promise<ReportRecord[]> {
    const reports = await this.prisma.report.findMany({
      where: {
        status: { in: ['complete', 'failed'] },
        OR: [{ finishedAt: { lt: cutoff } }, { finishedAt: null, createdAt: { lt: cutoff } }],
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take,
    });
    return this.withExactInstants(reports);
  }

  /** Deletes a finished report's record; false when it is gone or not finished (nothing deleted). */
  async removeFinished(id: string): Promise<boolean> {
    const { count } = await this.prisma.report.deleteMany({ where: { id, status: { in: ['complete', 'failed'] } } });
    return count === 1;
  }

  /** False when the report had already finished (failed or complete): nothing changed. */
  async markComplete(
    id: string,
    result: { rowCount: number; filePath: string; dataVersion?: number },
  ): Promise<boolean> {
    const { count } = await this.prisma.report.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: {
        status: 'complete',
        progress: 1,
        rowCount: result.rowCount,
        filePath: result.filePath,
        dataVersion: result.dataVersion,
        error: null,
        finishedAt: new Date(),
      },
    });
    return count > 0;
  }

  /** False when the report had already finished (failed or complete): nothing changed. */
  async markFailed(id: string, error: string): Promise<boolean> {
    const { count } = await this.prisma.report.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error, finishedAt: new Date() },
    });
    return count > 0;
  }

  /** The reports' as_of and now to the microsecond, read beside what Prisma read. */
  private async withExactInstants(reports: Report[]): Promise<ReportRecord[]> {
    if (reports.length === 0) return [];
    const rows = await this.prisma.$queryRaw<ExactRow[]>`SELECT id::text AS id,
      (extract(epoch FROM as_of) * 1000000)::bigint::text AS as_of_us,
      (extract(epoch FROM now) * 1000000)::bigint::text AS now_us
      FROM reports WHERE id = ANY(${reports.map((report) => report.id)}::uuid[])`;
    const exact = new Map(rows.map((row) => [row.id, row]));
    return reports.map((report) => {
      const row = exact.get(report.id);
      return {
        ...report,
        asOfMs: msOrNull(row?.as_of_us, report.asOf),
        nowMs: msOrNull(row?.now_us, report.now),
        maxGapMs: msOfMaxGap(report.maxGapMs),
      };
    });
  }
}

/** A timestamptz parameter with every microsecond of `ms` (ms since the epoch, microseconds as a fraction). */
function pgInstant(ms: number) {
  return Prisma.sql`timestamptz 'epoch' + ${microsFromMs(ms)} * interval '1 microsecond'`;
}

/**
 * The column's value for a requested max gap. Callers parse the text first (parseMaxGap); a value
 * that is not a whole positive number of ms here is a programming error, refused before it is stored.
 */
function storedMaxGap(ms: number | null | undefined): bigint | null {
  if (ms === undefined || ms === null) return null;
  if (!Number.isSafeInteger(ms) || ms <= 0)
    throw new RangeError(`a report's max gap must be whole positive ms, not ${ms}`);
  return BigInt(ms);
}

function msOfMaxGap(stored: bigint | null): number | null {
  return stored === null ? null : Number(stored);
}

function msOrNull(micros: string | null | undefined, fallback: Date | null): number | null {
  if (micros !== null && micros !== undefined) return msFromMicros(Number(micros));
  return fallback === null ? null : fallback.getTime();
}
