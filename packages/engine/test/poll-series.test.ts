/**
 * sortPolls against a slow, obviously correct version written here: for each distinct instant at
 * or before now, the active flag of the last row in input order at that instant, instants
 * ascending. Random series have many ties (instants drawn from a few values, -0 beside 0), cut
 * points inside them, plain and typed arrays, nearly sorted runs, and lengths that take several
 * merge passes.
 *
 * Reproduce a failure with the seed fast-check prints: FC_SEED=<seed> npx jest packages/engine/test/poll-series
 */
import fc from 'fast-check';
import { sortPolls } from '../src/poll-series';
import type { PollSeries } from '../src/types';

const SEED = Number(process.env.FC_SEED ?? 14);
const RUNS = Number(process.env.FC_RUNS ?? 300);

interface Row {
  at: number;
  active: boolean;
}

/** The answer by definition: later rows overwrite earlier ones at the same instant. */
function slowSortPolls(rows: readonly Row[], now: number): { at: number[]; active: number[] } {
  const last = new Map<number, Row>();
  for (const row of rows) if (row.at <= now) last.set(row.at, row);
  const kept = [...last.values()].sort((a, b) => a.at - b.at);
  return { at: kept.map((row) => row.at), active: kept.map((row) => (row.active ? 1 : 0)) };
}

/** The result as plain arrays (toEqual tells -0 from 0), after checking its array types. */
function plain(series: PollSeries): { at: number[]; active: number[] } {
  expect(series.at).toBeInstanceOf(Float64Array);
  expect(series.active).toBeInstanceOf(Uint8Array);
  return { at: Array.from(series.at), active: Array.from(series.active, Number) };
}

const sortedByTime = (rows: Row[]): Row[] => [...rows].sort((a, b) => a.at - b.at);

function swapNeighbours(rows: Row[], positions: readonly number[]): Row[] {
  for (const position of positions) {
    const i = rows.length > 1 ? position % (rows.length - 1) : 0;
    if (i + 1 < rows.length) [rows[i], rows[i + 1]] = [rows[i + 1], rows[i]];
  }
  return rows;
}

function asSeries(rows: readonly Row[], typed: boolean): PollSeries {
  const at = rows.map((row) => row.at);
  const active = rows.map((row) => row.active);
  return typed ? { at: Float64Array.from(at), active: Uint8Array.from(active, Number) } : { at, active };
}

/**
 * Instants on `distinct` minutes (a fraction on some), or at 0, -0 (the same instant), 1 µs, or
 * values no reader gives but the engine must not lose a row over: infinities and NaN (never kept).
 */
const instantArb = (distinct: number) =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.integer({ min: -3, max: distinct }).map((i) => 1_674_000_000_000 + i * 60_000 + (i % 3) * 0.25),
    },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e-3) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN) },
  );
/**
 * Few distinct instants (most series repeat some), or many (sorted runs rarely end on a tie). Sizes
 * up to the maximum: fast-check's default keeps arrays under about ten, shorter than one sorted run.
 */
const drawnRowsArb = fc.oneof(
  ...[40, 4000].map((distinct) =>
    fc.array(fc.record({ at: instantArb(distinct), active: fc.boolean() }), { maxLength: 300, size: 'max' }),
  ),
);
/** Rows as drawn, or in time order with some neighbours swapped: runs that are nearly in order. */
const rowsArb = fc
  .tuple(drawnRowsArb, fc.boolean(), fc.array(fc.nat(), { maxLength: 40, size: 'max' }))
  .map(([rows, nearlySorted, swaps]) => (nearlySorted ? swapNeighbours(sortedByTime(rows), swaps) : rows));
const nowArb = fc.oneof(instantArb(40), fc.constant(Number.POSITIVE_INFINITY));

describe('sortPolls', () => {
  it('equals the slow version on random unsorted series with ties, typed or plain', () => {
    fc.assert(
      fc.property(rowsArb, nowArb, fc.boolean(), (rows, now, typed) => {
        expect(plain(sortPolls(asSeries(rows, typed), now))).toEqual(slowSortPolls(rows, now));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('equals the slow version on long series (many merge passes, or one long insertion sort)', () => {
    const longRowsArb = fc.oneof(
      ...[40, 4000].map((distinct) =>
        fc.array(fc.record({ at: instantArb(distinct), active: fc.boolean() }), { minLength: 1000, maxLength: 3000 }),
      ),
    );
    fc.assert(
      fc.property(longRowsArb, nowArb, (rows, now) => {
        expect(plain(sortPolls(asSeries(rows, true), now))).toEqual(slowSortPolls(rows, now));
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('keeps the later row of a tie that straddles two sorted runs', () => {
    // 20 polls, 7 minutes apart modulo 20: the first and the last (moved onto the first's
    // instant, inactive) fall in different insertion-sorted runs of 16, so a merge meets them.
    const rows = Array.from({ length: 20 }, (_, i) => ({ at: 1000 + ((i * 7) % 20), active: i % 2 === 0 }));
    rows[19] = { at: 1000, active: false };
    const sorted = plain(sortPolls(asSeries(rows, true), 2000));
    expect(sorted.at).toEqual(Array.from({ length: 20 }, (_, i) => 1000 + i).filter((at) => at !== 1013));
    expect(sorted.active[0]).toBe(0);
    expect(sorted).toEqual(slowSortPolls(rows, 2000));
  });

  it('hands back typed polls already in strict time order and not after now as they are', () => {
    const series = { at: Float64Array.of(1, 2, 3), active: Uint8Array.of(1, 0, 1) };
    expect(sortPolls(series, 3)).toBe(series);
    expect(plain(sortPolls(series, 2))).toEqual({ at: [1, 2], active: [1, 0] });
  });

  it('cuts every poll after now, and keeps none of a series that lies after it', () => {
    const series = { at: [5, 4, 6], active: [true, false, true] };
    expect(plain(sortPolls(series, 3))).toEqual({ at: [], active: [] });
  });
});
