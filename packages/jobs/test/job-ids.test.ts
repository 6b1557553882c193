import { randomUUID } from 'node:crypto';
import { chunkJobId, mergeJobId, planJobId, reportIdOfJob } from '../src';

describe('report job ids', () => {
  const reportId = randomUUID();

  it('derive every job of a report from its id, without the ":" BullMQ reserves', () => {
    const ids = [planJobId(reportId), mergeJobId(reportId), chunkJobId(reportId, 0), chunkJobId(reportId, 12)];
    expect(ids).toEqual([reportId, `${reportId}-merge`, `${reportId}-chunk-0`, `${reportId}-chunk-12`]);
    expect(ids.some((id) => id.includes(':'))).toBe(false);
    expect(ids.map(reportIdOfJob)).toEqual([reportId, reportId, reportId, reportId]);
  });

  it('tell no report for any other id', () => {
    for (const id of [undefined, '17', `${reportId}-chunk-`, `${reportId}-mergex`, `x${reportId}`, reportId.slice(1)]) {
      expect(reportIdOfJob(id)).toBeUndefined();
    }
  });
});
