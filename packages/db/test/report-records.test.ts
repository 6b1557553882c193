import { useTestDatabase } from '@store-monitor/test-support';
import { ReportRecords } from '../src';

const records = new ReportRecords(useTestDatabase().db.prisma);

describe('ReportRecords', () => {
  it('takes a report from queued through running to complete, with growing progress', async () => {
    const report = await records.create({ asOf: new Date('2024-01-01T00:00:00Z'), policy: 'forward' });
    expect(report).toMatchObject({ status: 'queued', progress: 0, policy: 'forward', startedAt: null });
    expect(await records.markRunning(report.id)).toBe(true);
    await records.setProgress(report.id, 0.5);
    await records.setProgress(report.id, 0.25);
    expect(await records.get(report.id)).toMatchObject({ status: 'running', progress: 0.5 });
    await records.markComplete(report.id, { rowCount: 7, filePath: '/r/x.csv' });
    const done = await records.get(report.id);
    expect(done).toMatchObject({ status: 'complete', progress: 1, rowCount: 7, filePath: '/r/x.csv' });
    expect(done?.startedAt).toBeInstanceOf(Date);
    expect(done?.finishedAt).toBeInstanceOf(Date);
  });

  it('never moves a finished report backwards', async () => {
    const report = await records.create({ asOf: null, policy: 'nearest' });
    await records.markFailed(report.id, 'boom');
    expect(await records.markRunning(report.id)).toBe(false);
    await records.markComplete(report.id, { rowCount: 1, filePath: 'f' });
    await records.setProgress(report.id, 0.9);
    expect(await records.get(report.id)).toMatchObject({
      status: 'failed',
      error: 'boom',
      progress: 0,
      rowCount: null,
    });
    await records.remove(report.id);
    expect(await records.get(report.id)).not.toBeNull();
  });

  it('removes a queued report and pages reports newest first', async () => {
    const gone = await records.create({ asOf: null, policy: 'nearest' });
    await records.remove(gone.id);
    expect(await records.get(gone.id)).toBeNull();
    const { reports, total } = await records.page(0, 2);
    expect(total).toBe(2);
    expect(reports.map((r) => r.status)).toEqual(['failed', 'complete']);
    expect((await records.page(1, 5)).reports).toHaveLength(1);
  });

  it('lists the unfinished reports created before a time, oldest first', async () => {
    const cutoff = new Date();
    const queued = await records.create({ asOf: null, policy: 'nearest' });
    const running = await records.create({ asOf: null, policy: 'nearest' });
    await records.markRunning(running.id);
    const done = await records.create({ asOf: null, policy: 'nearest' });
    await records.markFailed(done.id, 'boom');
    // The earlier tests' reports are finished, and these three are not older than the cutoff yet.
    expect(await records.unfinishedBefore(cutoff)).toEqual([]);
    const later = new Date(Date.now() + 1000);
    expect((await records.unfinishedBefore(later)).map((r) => r.id)).toEqual([queued.id, running.id]);
    expect((await records.unfinishedBefore(later, { take: 1 })).map((r) => r.id)).toEqual([queued.id]);
    expect((await records.unfinishedBefore(later, { skip: 1, take: 1 })).map((r) => r.id)).toEqual([running.id]);
  });

  it('keeps a max gap as whole ms, null when unset, through get, page and the sweep', async () => {
    const gapped = await records.create({ asOf: null, policy: 'forward', maxGapMs: 7_200_000 });
    const plain = await records.create({ asOf: null, policy: 'nearest' });
    expect(gapped.maxGapMs).toBe(7_200_000);
    expect(plain.maxGapMs).toBeNull();
    expect((await records.get(gapped.id))?.maxGapMs).toBe(7_200_000);
    expect((await records.get(plain.id))?.maxGapMs).toBeNull();
    const later = new Date(Date.now() + 1000);
    const unfinished = await records.unfinishedBefore(later);
    expect(unfinished.map((r) => [r.id, r.maxGapMs])).toEqual(
      expect.arrayContaining([
        [gapped.id, 7_200_000],
        [plain.id, null],
      ]),
    );
    const { reports } = await records.page(0, 2);
    expect(reports.map((r) => r.maxGapMs)).toEqual([null, 7_200_000]);
    // A number, not a bigint: the API writes records as JSON.
    expect(JSON.parse(JSON.stringify(await records.get(gapped.id))).maxGapMs).toBe(7_200_000);
  });

  it('refuses a max gap that is not whole positive ms, storing nothing', async () => {
    const before = (await records.page(0, 1)).total;
    for (const maxGapMs of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      await expect(records.create({ asOf: null, policy: 'nearest', maxGapMs })).rejects.toThrow(
        /max gap must be whole positive ms/,
      );
    }
    expect((await records.page(0, 1)).total).toBe(before);
  });
});
