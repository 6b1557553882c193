/**
 * explainStore: the segments of a store's week add up to its report row in every window, cover
 * each business span, and each known segment names an evidence poll that carries its status.
 */
import fc from 'fast-check';
import { explainStore, POLICIES, toReportRow, type StoreTimeline } from '../src';
import { type Case, storeAndNowArb } from './support/arbitraries';
import { H, MIN } from './support/fixtures';

const SEED = Number(process.env.FC_SEED ?? 20241103);
const RUNS = Number(process.env.FC_RUNS ?? 80);

const WINDOWS = { Hour: H, Day: 24 * H, Week: 168 * H } as const;

/** Business time per status inside [now - length, now), from the segments alone. */
function totalsFromSegments(t: StoreTimeline, length: number): Record<string, number> {
  const totals: Record<string, number> = { up: 0, down: 0, unknown: 0 };
  for (const span of t.spans) {
    for (const s of span.segments) totals[s.status] += Math.max(0, s.end - Math.max(s.start, t.now - length));
  }
  return totals;
}

function checkTimeline(c: Case, policy: (typeof POLICIES)[number]): void {
  const t = explainStore(c.store, c.now, policy, c.maxGapMs);
  if (!t) return;
  const d = t.durations;
  for (const [w, length] of Object.entries(WINDOWS) as [keyof typeof WINDOWS, number][]) {
    const totals = totalsFromSegments(t, length);
    expect(totals.up).toBeCloseTo(d[`uptime${w}Ms`], 6);
    expect(totals.down).toBeCloseTo(d[`downtime${w}Ms`], 6);
    expect(totals.unknown).toBeCloseTo(d[`unknown${w}Ms`] ?? 0, 6);
  }
  expect(t.row).toEqual(toReportRow(d));
  const polls = new Map(t.polls.map((p) => [p.at, p]));
  for (const span of t.spans) {
    expect(span.segments[0].start).toBe(span.start);
    expect(span.segments[span.segments.length - 1].end).toBe(span.end);
    for (const s of span.segments) {
      if (s.status === 'unknown') {
        expect(s.pollAt).toBeNull();
        continue;
      }
      // The named poll is evidence and carries the segment's status.
      const poll = polls.get(s.pollAt!);
      expect(poll?.evidence).toBe(true);
      expect(poll?.active).toBe(s.status === 'up');
    }
  }
}

describe.each(POLICIES)('explainStore (%s)', (policy) => {
  it('segments sum to the row, on random stores with special days and max gaps', () => {
    const arb = storeAndNowArb(1, { special: true, withGap: true });
    fc.assert(
      fc.property(arb, (c) => checkTimeline(c, policy)),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('segments sum to the row without the extensions', () => {
    fc.assert(
      fc.property(storeAndNowArb(30), (c) => checkTimeline(c, policy)),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe("the contract's unknown-time example, explained", () => {
  const t = explainStore(
    {
      storeId: 's',
      hours: [],
      polls: { at: [Date.parse('2024-01-10T08:00:00Z'), Date.parse('2024-01-10T11:30:00Z')], active: [1, 0] },
    },
    Date.parse('2024-01-10T12:00:00Z'),
    'nearest',
    H,
  )!;

  it('cuts the day into unknown, up (from 08:00), unknown, down (from 11:30)', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(t.spans).toHaveLength(1);
    expect(t.spans[0].segments).toEqual([
      { start: t.from, end: at('2024-01-10T07:00:00Z'), status: 'unknown', pollAt: null },
      {
        start: at('2024-01-10T07:00:00Z'),
        end: at('2024-01-10T09:00:00Z'),
        status: 'up',
        pollAt: at('2024-01-10T08:00:00Z'),
      },
      { start: at('2024-01-10T09:00:00Z'), end: at('2024-01-10T10:30:00Z'), status: 'unknown', pollAt: null },
      {
        start: at('2024-01-10T10:30:00Z'),
        end: at('2024-01-10T12:00:00Z'),
        status: 'down',
        pollAt: at('2024-01-10T11:30:00Z'),
      },
    ]);
    expect(t.row).toMatchObject({ uptime_last_day: 2, downtime_last_day: 1.5, unknown_last_week: 164.5 });
    expect(t.polls.map((p) => [p.inBusinessHours, p.evidence])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(t.spans[0].segments[1].end - t.spans[0].segments[1].start).toBe(120 * MIN);
  });
});
