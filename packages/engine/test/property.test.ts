/**
 * Property tests: the engine against the slow reference sampler (test/support/reference-sampler.ts)
 * on random stores near the 2024 DST transitions, without and with the extensions (special days,
 * including on DST dates and for 24x7 stores; a max gap). The sampler is exact on this data
 * (everything on whole minutes), so durations must agree to the millisecond.
 *
 * Reproduce a failure with the seed fast-check prints: FC_SEED=<seed> npx jest packages/engine/test/property
 * More runs: FC_RUNS=1000.
 */
import fc from 'fast-check';
import { buildReport, computeStore } from '@store-monitor/engine';
import { POLICIES, type Policy, type StoreDurations, type StoreInput } from '../src/types';
import { type Case, maxGapArb, nowArb, offGridArb, storeAndNowArb, storeArb, storeIdArb } from './support/arbitraries';
import { DAY_MS, utc } from './support/fixtures';
import { durationsOf, type Sampled, sampleStore, segmentStore } from './support/reference-sampler';
import { byteOrder, checkRow, expectedRows } from './support/report-expect';

const SEED = Number(process.env.FC_SEED ?? 20240310);
const RUNS = Number(process.env.FC_RUNS ?? 80); // per policy; the half-hour and report properties run half as many
const params = (numRuns: number) => ({ seed: SEED, numRuns });

const WINDOWS = ['Hour', 'Day', 'Week'] as const;

/**
 * Exact agreement, allowing only floating-point noise: < 1e-6 ms on whole-minute data; off the grid
 * instants near 1.7e12 ms carry about 2e-4 ms of rounding each, so there 0.01 ms.
 */
function checkDurations(got: StoreDurations | null, want: Sampled | null, tolerance = 1e-6): void {
  if (want === null || got === null) {
    if (got !== want)
      throw new Error(`expected ${JSON.stringify(want && durationsOf(want))}, got ${JSON.stringify(got)}`);
    return;
  }
  // The unknown fields are there exactly when the sampler ran with a max gap.
  const keys = (d: StoreDurations) => Object.keys(d).sort().join();
  if (keys(got) !== keys(durationsOf(want)))
    throw new Error(`fields ${keys(got)}, expected ${keys(durationsOf(want))}`);
  for (const w of WINDOWS) {
    for (const key of [`uptime${w}Ms`, `downtime${w}Ms`, `unknown${w}Ms`] as const) {
      const [g, e] = [got[key] ?? 0, want[key] ?? 0];
      if (Math.abs(g - e) > tolerance) throw new Error(`${key}: expected ${e}, got ${g}`);
    }
    const business = want[`business${w}Ms`];
    const sum = got[`uptime${w}Ms`] + got[`downtime${w}Ms`] + (got[`unknown${w}Ms`] ?? 0);
    if (Math.abs(sum - business) > tolerance) {
      throw new Error(`${w}: uptime + downtime + unknown = ${sum}, business time ${business}`);
    }
  }
}

const agreesWithSampler = (policy: Policy) => (c: Case) =>
  checkDurations(computeStore(c.store, c.now, policy, c.maxGapMs), sampleStore(c.store, c.now, policy, c.maxGapMs));

describe.each(POLICIES)('computeStore equals the reference sampler (%s)', (policy) => {
  it('random stores, whole-minute data near DST transitions', () => {
    fc.assert(fc.property(storeAndNowArb(1), agreesWithSampler(policy)), params(RUNS));
  });

  it('random stores snapped to half hours (polls on business edges, on now, duplicated)', () => {
    fc.assert(fc.property(storeAndNowArb(30), agreesWithSampler(policy)), params(Math.ceil(RUNS / 2)));
  });

  const extended = { special: true, withGap: true };
  it('random stores with special days and a max gap (each sometimes absent), whole minutes', () => {
    fc.assert(fc.property(storeAndNowArb(1, extended), agreesWithSampler(policy)), params(RUNS));
  });

  it('special days and a max gap snapped to half hours (polls exactly max_gap and 2 * max_gap apart)', () => {
    fc.assert(fc.property(storeAndNowArb(30, extended), agreesWithSampler(policy)), params(RUNS));
  });

  it('off the minute grid (microsecond polls, row times and max gaps with seconds): the exact segment reference', () => {
    const offGrid = storeAndNowArb(1, extended).chain(offGridArb);
    const agrees = (c: Case) =>
      checkDurations(
        computeStore(c.store, c.now, policy, c.maxGapMs),
        segmentStore(c.store, c.now, policy, c.maxGapMs),
        0.01,
      );
    fc.assert(fc.property(offGrid, agrees), params(RUNS));
  });
});

describe.each(POLICIES)('the extensions change nothing when they do not apply (%s)', (policy) => {
  const FAR_DATE = Math.floor(utc('2001-06-01T00:00') / DAY_MS);

  it('no special rows, or only rows on a date far from every poll and window, and no max gap: the same durations', () => {
    fc.assert(
      fc.property(storeAndNowArb(1), ({ store, now }) => {
        const plain = computeStore(store, now, policy);
        const far = [{ storeId: 's', date: FAR_DATE, startMs: null, endMs: null }];
        expect(computeStore({ ...store, specialHours: [] }, now, policy)).toEqual(plain);
        // For a 24x7 store too: it is then no longer open at every instant, but the same business time.
        expect(computeStore({ ...store, specialHours: far }, now, policy)).toEqual(plain);
      }),
      params(Math.ceil(RUNS / 2)),
    );
  });

  it('a max gap longer than any distance: the same up and down, unknown zero', () => {
    fc.assert(
      fc.property(storeAndNowArb(1, { special: true }), ({ store, now }) => {
        const plain = computeStore(store, now, policy);
        const gapped = computeStore(store, now, policy, 1000 * DAY_MS);
        if (plain === null) return expect(gapped).toBeNull();
        expect(gapped).toEqual({ ...plain, unknownHourMs: 0, unknownDayMs: 0, unknownWeekMs: 0 });
      }),
      params(Math.ceil(RUNS / 2)),
    );
  });
});

/** Several stores with distinct awkward ids, sometimes an explicit as_of, special days or a max gap. */
const reportArb = nowArb.chain((now) =>
  fc.record({
    now: fc.constant(now),
    stores: fc
      .tuple(fc.uniqueArray(storeIdArb, { maxLength: 6 }), fc.boolean())
      .chain(([ids, special]) => fc.tuple(...ids.map((id) => storeArb(id, now, { special })))),
    useAsOf: fc.boolean(),
    policy: fc.constantFrom(...POLICIES),
    maxGapMs: maxGapArb,
  }),
);

function latestPoll(stores: StoreInput[]): number | undefined {
  const all = stores.flatMap((s) => Array.from(s.polls.at));
  return all.length > 0 ? Math.max(...all) : undefined;
}

describe('buildReport', () => {
  it('rows = the sampler rounded to 2 decimals, byte-ordered, only stores with a poll at or before now', () => {
    fc.assert(
      fc.property(reportArb, ({ now, stores, useAsOf, policy, maxGapMs }) => {
        const report = buildReport(stores, { policy, asOf: useAsOf ? now : undefined, maxGapMs });
        const expectedNow = useAsOf ? now : latestPoll(stores);
        expect(report.now).toBe(expectedNow);
        if (expectedNow === undefined) {
          expect(report.rows).toEqual([]);
          return;
        }
        const want = expectedRows(stores, expectedNow, policy, maxGapMs);
        expect(report.rows.map((r) => r.store_id)).toEqual(want.map((r) => r.store_id));
        for (const [i, row] of report.rows.entries()) checkRow(row, want[i]);
      }),
      params(Math.ceil(RUNS / 2)),
    );
  });

  it('sorts by UTF-8 byte order, not by number or UTF-16 code unit', () => {
    const ids = ['\u{1F600}', 'a', '\uFF21', '9', 'B', '10'];
    const poll = utc('2024-01-10T12:00');
    const stores = ids.map((storeId) => ({ storeId, hours: [], polls: { at: [poll], active: [true] } }));
    const rows = buildReport(stores, { policy: 'nearest' }).rows;
    // UTF-8: '1'=31 '9'=39 'B'=42 'a'=61 U+FF21=EF.. U+1F600=F0.. (UTF-16 would put U+1F600, D83D.., first)
    expect(rows.map((r) => r.store_id)).toEqual(['10', '9', 'B', 'a', '\uFF21', '\u{1F600}']);
    expect([...ids].sort(byteOrder)).toEqual(['10', '9', 'B', 'a', '\uFF21', '\u{1F600}']);
  });

  it('without polls and without as_of there is no now and no row', () => {
    const stores = [{ storeId: '1', hours: [], polls: { at: [], active: [] } }];
    expect(buildReport(stores, { policy: 'nearest' })).toEqual({ now: undefined, rows: [] });
  });
});
