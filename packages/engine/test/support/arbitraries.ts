/**
 * fast-check arbitraries for random stores near the 2024 DST transitions. Everything lies on whole
 * minutes so the reference sampler is exact (see reference-sampler.ts).
 */
import fc from 'fast-check';
import type { HoursRow, PollSeries, SpecialHoursRow, StoreInput } from '../../src/types';
import { DAY_MS, MIN, utc } from './fixtures';

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

/**
 * A special date (local days since 1970-01-01) that matters for a report ending at `now`: in or
 * just around the week window, or one of the 2024 DST transition dates.
 */
const specialDateArb = (now: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -9, max: 1 }).map((k) => Math.floor(now / DAY_MS) + k) },
    { weight: 1, arbitrary: fc.constantFrom(...TRANSITION_DAYS).map((d) => d / DAY_MS) },
  );

/** A special row's times: closed (both empty), or any of the weekly rows' shapes. */
const specialTimesArb: fc.Arbitrary<[number | null, number | null]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<[null, null]>([null, null]) },
  { weight: 4, arbitrary: rowMinutesArb.map(([s, e]): [number, number] => [s * MIN, e * MIN]) },
);

/**
 * 0-6 special rows on a pool of 1-3 dates, so several rows often share a date (overlapping spans,
 * a closed row beside open ones) and dates often follow each other (an overnight special span into
 * the next special date).
 */
export const specialHoursArb = (storeId: string, now: number): fc.Arbitrary<SpecialHoursRow[]> =>
  fc
    .uniqueArray(specialDateArb(now), { minLength: 1, maxLength: 3 })
    .chain((dates) => fc.array(fc.tuple(fc.constantFrom(...dates), specialTimesArb), { maxLength: 6 }))
    .map((rows) => rows.map(([date, [startMs, endMs]]) => ({ storeId, date, startMs, endMs })));

/** Undefined (no max gap), or whole minutes from 1 min to 10 h, with the round values weighted up. */
export const maxGapArb: fc.Arbitrary<number | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 600 }).map((m) => m * MIN) },
  { weight: 1, arbitrary: fc.constantFrom(30, 60, 90, 120, 180).map((m) => m * MIN) },
);

export interface StoreOptions {
  /** Give some stores special days (and more stores no weekly rows, to hit 24x7 with special days). */
  special?: boolean;
}

const weeklyRowsArb = (storeId: string, special: boolean): fc.Arbitrary<HoursRow[]> =>
  special
    ? fc.oneof(
        { weight: 1, arbitrary: fc.constant<HoursRow[]>([]) },
        { weight: 3, arbitrary: fc.array(hoursRowArb(storeId), { maxLength: 8 }) },
      )
    : fc.array(hoursRowArb(storeId), { maxLength: 8 });

export const storeArb = (storeId: string, now: number, options: StoreOptions = {}): fc.Arbitrary<StoreInput> =>
  fc
    .record({
      storeId: fc.constant(storeId),
      timeZone: zoneArb,
      hours: weeklyRowsArb(storeId, options.special === true),
      specialHours: options.special
        ? fc.option(specialHoursArb(storeId, now), { nil: undefined })
        : fc.constant(undefined),
      polls: pollsArb(now),
    })
    .map(({ specialHours, ...store }) => (specialHours === undefined ? store : { ...store, specialHours }));

export interface Case {
  store: StoreInput;
  now: number;
  /** Only from the arbitraries that ask for one (`withGap`); undefined means no max gap. */
  maxGapMs?: number;
}

/**
 * A store together with the `now` it is generated around. With `step` = 30 (minutes), every row
 * edge, poll, max gap and `now` is snapped to the half hour, so polls often fall exactly on
 * business-hour edges, on `now`, on each other, and exactly max_gap or 2 * max_gap from each other:
 * the [start, end), "at or before now" and "exactly max_gap away" boundaries get hit.
 */
export const storeAndNowArb = (step = 1, options: StoreOptions & { withGap?: boolean } = {}): fc.Arbitrary<Case> =>
  nowArb.chain((now) =>
    fc
      .tuple(storeArb('s', now, options), options.withGap ? maxGapArb : fc.constant(undefined))
      .map(([store, maxGapMs]) => snap({ store, now, maxGapMs }, step)),
  );

function snap(c: Case, step: number): Case {
  if (step === 1) return c;
  const unit = step * MIN;
  const round = (ms: number) => Math.round(ms / unit) * unit;
  const snapStart = (ms: number) => Math.min(round(ms), (DAY_MIN - step) * MIN); // a start never in the last minute
  const hours = c.store.hours.map((h) => ({ ...h, startMs: snapStart(h.startMs), endMs: round(h.endMs) }));
  const specialHours = c.store.specialHours?.map((h) =>
    h.startMs === null || h.endMs === null ? h : { ...h, startMs: snapStart(h.startMs), endMs: round(h.endMs) },
  );
  const polls = { at: Array.from(c.store.polls.at, round), active: c.store.polls.active };
  const store = { ...c.store, hours, polls, ...(specialHours ? { specialHours } : {}) };
  const maxGapMs = c.maxGapMs === undefined ? undefined : Math.max(unit, round(c.maxGapMs));
  return { store, now: round(c.now), maxGapMs };
}

/** Ids that trip naive sorting: digits ('10' < '9'), case, and UTF-16 vs UTF-8 order (U+FF21 vs U+1F600). */
export const storeIdArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom('1', '9', '0', 'a', 'B', 'b', '-', 'é', '\uFF21', '\u{1F600}'),
  minLength: 1,
  maxLength: 4,
});

/**
 * A case moved off the minute grid: polls by up to a minute with microsecond fractions, row times
 * and the max gap by whole seconds and milliseconds. Starts stay before 23:59 and ends at most
 * 24:00, so every row keeps its reading. For comparisons with the exact `segmentStore`.
 */
export const offGridArb = (c: Case): fc.Arbitrary<Case> => {
  const n = c.store.polls.at.length;
  const rows = c.store.hours.length + (c.store.specialHours?.length ?? 0);
  return fc
    .record({
      polls: fc.array(fc.double({ min: 0, max: 59_999.999, noNaN: true }), { minLength: n, maxLength: n }),
      rows: fc.array(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59_999 })), {
        minLength: rows,
        maxLength: rows,
      }),
      gap: fc.integer({ min: 0, max: 59_999 }),
    })
    .map(({ polls, rows: shifts, gap }) => {
      const at = Array.from(c.store.polls.at, (t, i) => t + Math.round(polls[i] * 1000) / 1000);
      const [start, end] = [
        (ms: number, k: number) => shift(ms, shifts[k][0] * 1000, LAST_START * MIN),
        (ms: number, k: number) => shift(ms, shifts[k][1], DAY_MIN * MIN),
      ];
      const hours = c.store.hours.map((h, k) => ({ ...h, startMs: start(h.startMs, k), endMs: end(h.endMs, k) }));
      const offset = c.store.hours.length;
      const specialHours = c.store.specialHours?.map((h, k) =>
        h.startMs === null || h.endMs === null
          ? h
          : { ...h, startMs: start(h.startMs, offset + k), endMs: end(h.endMs, offset + k) },
      );
      const store: StoreInput = {
        ...c.store,
        hours,
        polls: { at, active: c.store.polls.active },
        ...(specialHours ? { specialHours } : {}),
      };
      return { store, now: c.now, maxGapMs: c.maxGapMs === undefined ? undefined : c.maxGapMs + gap };
    });
};

/** A time moved later by `by` ms, unless that would pass `limit` (then it stays). */
const shift = (ms: number, by: number, limit: number): number => (ms + by <= limit ? ms + by : ms);
