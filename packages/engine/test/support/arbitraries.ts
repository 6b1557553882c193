/**
 * fast-check arbitraries for random stores near the 2024 DST transitions. Everything lies on whole
 * minutes so the reference sampler is exact (see reference-sampler.ts).
 */
import fc from 'fast-check';
import type { HoursRow, PollSeries, StoreInput } from '../../src/types';
import { MIN, utc } from './fixtures';

export const ZONES = [
  'America/New_York',
  'America/Chicago',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Pacific/Auckland',
  'Asia/Beirut',
  'America/Santiago',
] as const;

/** 2024 transition dates of those zones (US, EU/Beirut, southern autumn, Chile, NZ, AU spring, EU, US). */
const TRANSITION_DAYS = [
  '2024-03-10',
  '2024-03-31',
  '2024-04-07',
  '2024-09-08',
  '2024-09-29',
  '2024-10-06',
  '2024-10-27',
  '2024-11-03',
].map((d) => utc(`${d}T00:00`));

const DAY_MIN = 1440;
const LAST_START = DAY_MIN - 2; // 23:58: rows starting in the last minute are ambiguous in the contract

export const zoneArb: fc.Arbitrary<string | undefined> = fc.constantFrom<string | undefined>(...ZONES, undefined);

const minuteOfDay = (min: number, max: number) => fc.integer({ min, max });

/** [start, end] in minutes after local midnight, one of the contract's interesting shapes. */
const rowMinutesArb: fc.Arbitrary<[number, number]> = fc.oneof(
  fc.tuple(minuteOfDay(0, LAST_START), minuteOfDay(0, DAY_MIN)), // anything
  minuteOfDay(1, LAST_START).chain((s) => fc.tuple(fc.constant(s), minuteOfDay(0, s - 1))), // overnight
  minuteOfDay(0, LAST_START).map((s): [number, number] => [s, s]), // whole day
  minuteOfDay(0, LAST_START).map((s): [number, number] => [s, DAY_MIN - 1]), // 23:59 end
  minuteOfDay(0, LAST_START).map((s): [number, number] => [s, DAY_MIN]), // 24:00 end
  minuteOfDay(0, DAY_MIN - 10).map((s): [number, number] => [s, s + 10]), // short 10 min
  fc.tuple(minuteOfDay(0, 240), minuteOfDay(0, 240)), // both ends where transitions happen (00:00-04:00)
  fc.tuple(minuteOfDay(20 * 60, LAST_START), minuteOfDay(0, 180)), // overnight across a midnight transition
);

export const hoursRowArb = (storeId: string): fc.Arbitrary<HoursRow> =>
  fc.tuple(fc.integer({ min: 0, max: 6 }), rowMinutesArb).map(([day, [s, e]]) => ({
    storeId,
    day,
    startMs: s * MIN,
    endMs: e * MIN,
  }));

/** An instant on a whole minute within a few days of a 2024 DST transition. */
export const nowArb: fc.Arbitrary<number> = fc
  .tuple(fc.constantFrom(...TRANSITION_DAYS), fc.integer({ min: -2 * DAY_MIN, max: 8 * DAY_MIN }))
  .map(([day, minutes]) => day + minutes * MIN);

/** Minutes relative to now: mostly over ~10 days before, denser near now, a few after now. */
const pollOffsetArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -10 * DAY_MIN, max: 360 }) },
  { weight: 2, arbitrary: fc.integer({ min: -DAY_MIN, max: 60 }) },
  { weight: 2, arbitrary: fc.integer({ min: -120, max: 30 }) },
);

interface Dup {
  of: number;
  at: number;
  active: boolean;
}

/** 0-60 polls in any order, plus sometimes a second poll at an existing instant (later element wins). */
export const pollsArb = (now: number): fc.Arbitrary<PollSeries> =>
  fc
    .tuple(
      fc.array(fc.tuple(pollOffsetArb, fc.boolean()), { maxLength: 60, size: 'max' }), // 'max': lengths up to 60, not ~10
      fc.array(fc.record({ of: fc.nat(), at: fc.nat(), active: fc.boolean() }), { maxLength: 4 }),
    )
    .map(([polls, dups]) =>
      withDuplicates(
        polls.map(([m, a]) => [now + m * MIN, a]),
        dups,
      ),
    );

function withDuplicates(polls: [number, boolean][], dups: Dup[]): PollSeries {
  const list = [...polls];
  if (polls.length > 0) {
    for (const d of dups) list.splice(d.at % (list.length + 1), 0, [polls[d.of % polls.length][0], d.active]);
  }
  return { at: list.map(([at]) => at), active: list.map(([, a]) => a) };
}

export const storeArb = (storeId: string, now: number): fc.Arbitrary<StoreInput> =>
  fc.record({
    storeId: fc.constant(storeId),
    timeZone: zoneArb,
    hours: fc.array(hoursRowArb(storeId), { maxLength: 8 }),
    polls: pollsArb(now),
  });

/**
 * A store together with the `now` it is generated around. With `step` = 30 (minutes), every row
 * edge, poll and `now` is snapped to the half hour, so polls often fall exactly on business-hour
 * edges, on `now` and on each other: the [start, end) and "at or before now" boundaries get hit.
 */
export const storeAndNowArb = (step = 1): fc.Arbitrary<{ store: StoreInput; now: number }> =>
  nowArb.chain((now) => storeArb('s', now).map((store) => snap({ store, now }, step)));

function snap(c: { store: StoreInput; now: number }, step: number): { store: StoreInput; now: number } {
  if (step === 1) return c;
  const unit = step * MIN;
  const round = (ms: number) => Math.round(ms / unit) * unit;
  const hours = c.store.hours.map((h) => ({
    ...h,
    startMs: Math.min(round(h.startMs), (DAY_MIN - step) * MIN), // a start never in the last minute
    endMs: round(h.endMs),
  }));
  const polls = { at: Array.from(c.store.polls.at, round), active: c.store.polls.active };
  return { store: { ...c.store, hours, polls }, now: round(c.now) };
}

/** Ids that trip naive sorting: digits ('10' < '9'), case, and UTF-16 vs UTF-8 order (U+FF21 vs U+1F600). */
export const storeIdArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom('1', '9', '0', 'a', 'B', 'b', '-', 'é', '\uFF21', '\u{1F600}'),
  minLength: 1,
  maxLength: 4,
});
