import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { deleteKeys, REDIS_URL, uniquePrefix } from '@store-monitor/test-support';
import {
  chunkPayloadSchema,
  createRedisConnection,
  enqueueReport,
  mergePayloadSchema,
  REPORT_QUEUE,
  reportFlow,
  reportRequestSchema,
} from '../src';

const RANGES = [
  { from: null, to: 'b' },
  { from: 'b', to: null },
];
const TWO_HOURS = 7_200_000;

describe('a report with a max gap', () => {
  const reportId = randomUUID();

  it('gives its max gap to the merge and to every chunk of its flow', () => {
    const flow = reportFlow({ reportId, policy: 'forward', asOfMs: 1_712_000_000_000, maxGapMs: TWO_HOURS }, RANGES);
    expect(flow.data).toEqual({
      reportId,
      policy: 'forward',
      asOfMs: 1_712_000_000_000,
      maxGapMs: TWO_HOURS,
      chunkCount: 2,
      ranges: RANGES,
    });
    expect(flow.children?.map((child) => child.data)).toEqual([
      {
        reportId,
        policy: 'forward',
        asOfMs: 1_712_000_000_000,
        maxGapMs: TWO_HOURS,
        index: 0,
        count: 2,
        stores: RANGES[0],
      },
      {
        reportId,
        policy: 'forward',
        asOfMs: 1_712_000_000_000,
        maxGapMs: TWO_HOURS,
        index: 1,
        count: 2,
        stores: RANGES[1],
      },
    ]);
    expect(mergePayloadSchema.parse(flow.data).maxGapMs).toBe(TWO_HOURS);
    expect(flow.children?.map((child) => chunkPayloadSchema.parse(child.data).maxGapMs)).toEqual([
      TWO_HOURS,
      TWO_HOURS,
    ]);
  });

  it('without one, has jobs whose data has no maxGapMs key at all, as before max_gap existed', () => {
    const flow = reportFlow({ reportId, policy: 'nearest', asOfMs: 5, maxGapMs: undefined }, RANGES);
    expect(Object.keys(flow.data)).toEqual(['reportId', 'policy', 'asOfMs', 'chunkCount', 'ranges']);
    for (const child of flow.children ?? []) {
      expect(Object.keys(child.data)).toEqual(['reportId', 'policy', 'asOfMs', 'index', 'count', 'stores']);
    }
  });

  it('is refused unless the gap is a whole, positive number of ms', () => {
    const request = { reportId, asOf: null, policy: 'nearest' };
    for (const maxGapMs of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '7200000', null, 2 ** 53]) {
      expect(reportRequestSchema.safeParse({ ...request, maxGapMs }).success).toBe(false);
    }
    expect(reportRequestSchema.parse({ ...request, maxGapMs: 1 })).toEqual({ ...request, maxGapMs: 1 });
    expect(reportRequestSchema.parse(request)).toEqual(request);
    const chunk = { reportId, asOfMs: 5, policy: 'nearest', index: 0, count: 1, stores: RANGES[0] };
    expect(chunkPayloadSchema.safeParse({ ...chunk, maxGapMs: 0 }).success).toBe(false);
    const merge = { reportId, asOfMs: 5, policy: 'nearest', chunkCount: 1, ranges: [RANGES[0]] };
    expect(mergePayloadSchema.safeParse({ ...merge, maxGapMs: -TWO_HOURS }).success).toBe(false);
  });
});

describe('enqueueReport', () => {
  const prefix = uniquePrefix('store-monitor-test-jobs');
  const connection = createRedisConnection(REDIS_URL, 'worker');
  const queue = new Queue(REPORT_QUEUE, { connection, prefix });

  afterAll(async () => {
    await queue.close();
    await deleteKeys(prefix);
    await connection.quit();
  });

  it("adds the plan job with the report's max gap, and one without it as before", async () => {
    const withGap = randomUUID();
    const without = randomUUID();
    await enqueueReport(queue, { reportId: withGap, asOf: null, policy: 'forward', maxGapMs: TWO_HOURS });
    await enqueueReport(queue, { reportId: without, asOf: '2024-04-03T12:00:00Z', policy: 'nearest' });
    expect((await queue.getJob(withGap))?.data).toEqual({
      reportId: withGap,
      asOf: null,
      policy: 'forward',
      maxGapMs: TWO_HOURS,
    });
    const plain = await queue.getJob(without);
    expect(plain?.data).toEqual({ reportId: without, asOf: '2024-04-03T12:00:00Z', policy: 'nearest' });
    expect(Object.keys(plain?.data ?? {})).not.toContain('maxGapMs');
  });

  it('adds nothing for a max gap that is not a whole positive number of ms', async () => {
    const reportId = randomUUID();
    await expect(enqueueReport(queue, { reportId, asOf: null, policy: 'nearest', maxGapMs: 0 })).rejects.toThrow(
      /maxGapMs/,
    );
    expect(await queue.getJob(reportId)).toBeUndefined();
  });
});
