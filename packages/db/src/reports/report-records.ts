import type { PrismaClient, Report, ReportStatus } from '../generated/client';
import { microsFromMs } from '../instants';

export type ReportRecord = Report;
export type { ReportStatus };

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

  create(request: { asOf: Date | null; policy: string }): Promise<ReportRecord> {
    return this.prisma.report.create({ data: { asOf: request.asOf, policy: request.policy } });
  }

  /** For a report that was never queued (the queue refused it). */
  async remove(id: string): Promise<void> {
    await this.prisma.report.deleteMany({ where: { id, status: 'queued' } });
  }

  get(id: string): Promise<ReportRecord | null> {
    return this.prisma.report.findUnique({ where: { id } });
  }

  async page(offset: number, limit: number): Promise<ReportPage> {
    const [reports, total] = await this.prisma.$transaction([
      this.prisma.report.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: offset, take: limit }),
      this.prisma.report.count(),
    ]);
    return { reports, total };
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
    await this.prisma.$executeRaw`UPDATE reports SET now = timestamptz 'epoch' + ${microsFromMs(nowMs)} * interval '1 microsecond'
      WHERE id = ${id}::uuid AND now IS NULL`;
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
  unfinishedBefore(cutoff: Date, page: { skip?: number; take?: number } = {}): Promise<ReportRecord[]> {
    return this.prisma.report.findMany({
      where: { status: { in: ['queued', 'running'] }, createdAt: { lt: cutoff } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: page.skip ?? 0,
      take: page.take ?? 100,
    });
  }

  async markComplete(id: string, result: { rowCount: number; filePath: string }): Promise<void> {
    await this.prisma.report.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'complete', progress: 1, rowCount: result.rowCount, filePath: result.filePath, error: null, finishedAt: new Date() },
    });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.prisma.report.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'failed', error, finishedAt: new Date() },
    });
  }
}
