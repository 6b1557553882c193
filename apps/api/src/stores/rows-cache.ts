import type { ReportRowJson } from '@store-monitor/service';

/**
 * The rows of the last few complete reports read, by report id. A complete report's file never
 * changes, and the console pages, sorts and filters one report many times in a row: decoding its
 * CSV again each time is most of such a request (about 40 ms for 14,000 rows). Only successful
 * reads are kept; the record is still read on every request, so a report removed since is not served.
 */
export class RowsCache {
  private readonly entries = new Map<string, readonly ReportRowJson[]>();

  constructor(private readonly capacity: number) {}

  async get(reportId: string, read: () => Promise<ReportRowJson[]>): Promise<readonly ReportRowJson[]> {
    const kept = this.entries.get(reportId);
    if (kept !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      this.entries.delete(reportId);
      this.entries.set(reportId, kept);
      return kept;
    }
    const rows = await read();
    this.entries.set(reportId, rows);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return rows;
  }
}
