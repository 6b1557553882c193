/**
 * The reference sampler checked against the contract's own worked examples (no engine involved),
 * so a disagreement with the engine can be blamed on the right side.
 */
import type { HoursRow, Policy, StoreInput } from '../../src/types';
import fc from 'fast-check';
import { storeAndNowArb } from './arbitraries';
import { sampleStore, segmentStore } from './reference-sampler';
import { exactInstants, instantOf } from './zone-brute';

const MIN = 60_000;
const H = 60 * MIN;
const utc = (iso: string) => Date.parse(`${iso}Z`);

function store(polls: [string, boolean][], hours: HoursRow[] = [], timeZone?: string): StoreInput {
  return {
    storeId: '1',
    timeZone,
    hours,
    polls: { at: polls.map(([iso]) => utc(iso)), active: polls.map(([, a]) => a) },
  };
}

describe('reference sampler: first worked example (24x7, America/Chicago)', () => {
  const now = utc('2024-01-10T12:00');
  const cases: [string, [string, boolean][], Policy, number, number][] = [
    [
      'nearest switches at the midpoint',
      [
        ['2024-01-10T11:00', true],
        ['2024-01-10T11:30', false],
      ],
      'nearest',
      15,
      45,
    ],
    [
      'forward holds the last poll',
      [
        ['2024-01-10T11:00', true],
        ['2024-01-10T11:30', false],
      ],
      'forward',
      30,
      30,
    ],
    ['a single early poll (nearest)', [['2024-01-10T10:00', true]], 'nearest', 60, 0],
    ['a single early poll (forward)', [['2024-01-10T10:00', true]], 'forward', 60, 0],
  ];
  it.each(cases)('%s', (_name, polls, policy, upMin, downMin) => {
    const r = sampleStore(store(polls), now, policy)!;
    expect([r.uptimeHourMs / MIN, r.downtimeHourMs / MIN]).toEqual([upMin, downMin]);
  });
});

describe('reference sampler: second worked example (Mondays 09:00-17:00, America/New_York)', () => {
  const monday: HoursRow = { storeId: '1', day: 0, startMs: 9 * H, endMs: 17 * H };
  // 08:50 and 09:50 EST on 2024-01-08 are 13:50Z and 14:50Z; now = 17:00Z (12:00 EST).
  const s = store(
    [
      ['2024-01-08T13:50', true],
      ['2024-01-08T14:50', false],
    ],
    [monday],
    'America/New_York',
  );
  const now = utc('2024-01-08T17:00');
  const inUnits = (ms: number[]) => [ms[0] / MIN, ...ms.slice(1).map((x) => Math.round((x / H) * 100) / 100)];

  it('nearest: 0 / 0 / 0 and 60 / 3 / 8', () => {
    const r = sampleStore(s, now, 'nearest')!;
    expect(inUnits([r.uptimeHourMs, r.uptimeDayMs, r.uptimeWeekMs])).toEqual([0, 0, 0]);
    expect(inUnits([r.downtimeHourMs, r.downtimeDayMs, r.downtimeWeekMs])).toEqual([60, 3, 8]);
  });
  it('forward: 0 / 0.83 / 5.83 and 60 / 2.17 / 2.17', () => {
    const r = sampleStore(s, now, 'forward')!;
    expect(inUnits([r.uptimeHourMs, r.uptimeDayMs, r.uptimeWeekMs])).toEqual([0, 0.83, 5.83]);
    expect(inUnits([r.downtimeHourMs, r.downtimeDayMs, r.downtimeWeekMs])).toEqual([60, 2.17, 2.17]);
  });
});

describe('reference sampler: brute-force zone conversion', () => {
  const wall = (iso: string) => utc(iso); // a wall time is written as if it were UTC
  it('finds both instants of a repeated time and none in a gap', () => {
    expect(exactInstants('America/New_York', wall('2024-11-03T01:30'))).toEqual([
      utc('2024-11-03T05:30'),
      utc('2024-11-03T06:30'),
    ]);
    expect(exactInstants('America/New_York', wall('2024-03-10T02:30'))).toEqual([]);
  });
  it('moves a gap time forward by the gap length (30 min on Lord Howe)', () => {
    expect(instantOf('America/New_York', wall('2024-03-10T02:30'))).toBe(utc('2024-03-10T07:30'));
    expect(instantOf('Australia/Lord_Howe', wall('2024-10-06T02:15'))).toBe(utc('2024-10-05T15:45'));
    expect(instantOf('America/Santiago', wall('2024-09-08T00:00'))).toBe(utc('2024-09-08T04:00'));
  });
  it('returns null without a poll at or before now', () => {
    expect(sampleStore(store([['2024-01-10T12:01', true]]), utc('2024-01-10T12:00'), 'nearest')).toBeNull();
  });
});

describe("reference sampler: the extensions' worked examples", () => {
  // Special days: store 1 open Mondays 09:00-17:00 in New York; now = 17:00 in New York (22:00Z).
  // Polls at 09:30 and 13:30 New York (14:30Z active, 18:30Z inactive).
  const monday: HoursRow = { storeId: '1', day: 0, startMs: 9 * H, endMs: 17 * H };
  const mondayDate = utc('2024-01-08T00:00') / (24 * H);
  const withSpecial = (startMs: number | null, endMs: number | null): StoreInput => ({
    ...store(
      [
        ['2024-01-08T14:30', true],
        ['2024-01-08T18:30', false],
      ],
      [monday],
      'America/New_York',
    ),
    specialHours: [{ storeId: '1', date: mondayDate, startMs, endMs }],
  });
  const monNow = utc('2024-01-08T22:00');

  it('a 12:00-14:00 row makes the Monday a 2-hour day', () => {
    const r = sampleStore(withSpecial(12 * H, 14 * H), monNow, 'forward')!;
    expect([r.businessDayMs, r.uptimeDayMs, r.downtimeDayMs]).toEqual([2 * H, 90 * MIN, 30 * MIN]);
  });
  it('a row with both times empty closes it', () => {
    expect(sampleStore(withSpecial(null, null), monNow, 'nearest')!.businessWeekMs).toBe(0);
  });

  // Unknown time: 24x7 in Chicago, now = 2024-01-10 12:00 UTC, polls active 08:00 and inactive
  // 11:30 UTC, max_gap 1 h, nearest: 0 / 2 / 2 up, 60 / 1.5 / 1.5 down, 0 / 20.5 / 164.5 unknown.
  it('max_gap 1 h, nearest: the table of the contract', () => {
    const s = store([
      ['2024-01-10T08:00', true],
      ['2024-01-10T11:30', false],
    ]);
    const r = sampleStore(s, utc('2024-01-10T12:00'), 'nearest', H)!;
    expect([r.uptimeHourMs, r.uptimeDayMs, r.uptimeWeekMs]).toEqual([0, 2 * H, 2 * H]);
    expect([r.downtimeHourMs, r.downtimeDayMs, r.downtimeWeekMs]).toEqual([60 * MIN, 1.5 * H, 1.5 * H]);
    expect([r.unknownHourMs, r.unknownDayMs, r.unknownWeekMs]).toEqual([0, 20.5 * H, 164.5 * H]);
  });
  it('without max_gap it reports no unknown fields at all', () => {
    const r = sampleStore(store([['2024-01-10T08:00', true]]), utc('2024-01-10T12:00'), 'nearest')!;
    expect('unknownDayMs' in r).toBe(false);
  });
});

describe('reference sampler: the cell measure and the exact segment measure agree on whole-minute data', () => {
  it.each([1, 30])('random stores with special days and max gaps, step %i min', (step) => {
    const policies = ['nearest', 'forward'] as const;
    fc.assert(
      fc.property(storeAndNowArb(step, { special: true, withGap: true }), fc.constantFrom(...policies), (c, policy) => {
        const cells = sampleStore(c.store, c.now, policy, c.maxGapMs);
        const segments = segmentStore(c.store, c.now, policy, c.maxGapMs);
        if (cells === null || segments === null) return expect(segments).toBe(cells);
        for (const [key, value] of Object.entries(cells)) {
          if (key === 'storeId') continue;
          const other = segments[key as keyof typeof segments] as number;
          if (Math.abs(other - (value as number)) > 1e-6) throw new Error(`${key}: cells ${value}, segments ${other}`);
        }
        expect(Object.keys(segments).sort()).toEqual(Object.keys(cells).sort());
      }),
      { seed: 4242, numRuns: 40 },
    );
  });
});
